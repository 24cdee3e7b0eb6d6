package wakeword.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A command line split into words the simple way, with no shell: spaces and tabs separate words; a "double" or
 * 'single' quoted stretch is part of a word and keeps its spaces; nothing else is special ($, *, |, > and
 * backslashes are plain characters).
 */
final class Argv {

    private Argv() {
    }

    /** The words of {@code line} (none for a blank line), or null when a quote is not closed. */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (c == ' ' || c == '\t') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) return null;
        if (inWord) words.add(word.toString());
        return words;
    }
}
