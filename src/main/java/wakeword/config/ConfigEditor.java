package wakeword.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Sets keys in the text of a config file the way a person would: an existing {@code key = ...} line is
 * replaced in place, else the value goes right under the commented example ({@code # key = ...}), else at the
 * end. Every other line, comment and blank stays as it was.
 */
public final class ConfigEditor {

    private ConfigEditor() {
    }

    /**
     * @return the new text, checked by the parser
     * @throws ConfigException when the result would not parse (a value out of range)
     */
    public static String set(String text, Map<String, String> values, String sourceName) {
        String newline = text.contains("\r\n") ? "\r\n" : "\n";
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\\r?\\n", -1)));
        boolean endsWithNewline = !lines.isEmpty() && lines.get(lines.size() - 1).isEmpty();
        if (endsWithNewline) lines.remove(lines.size() - 1);
        for (Map.Entry<String, String> e : values.entrySet()) {
            String line = e.getKey() + " = " + e.getValue();
            Pattern set = Pattern.compile("^\\s*" + Pattern.quote(e.getKey()) + "\\s*=.*$");
            Pattern example = Pattern.compile("^\\s*#\\s*" + Pattern.quote(e.getKey()) + "\\s*=.*$");
            int at = indexOf(lines, set);
            if (at >= 0) {
                lines.set(at, line);
                continue;
            }
            at = indexOf(lines, example);
            if (at >= 0) {
                lines.add(at + 1, line);
            } else {
                lines.add(line);
            }
        }
        String result = String.join(newline, lines) + newline;
        ConfigParser.parse(result, sourceName);
        return result;
    }

    private static int indexOf(List<String> lines, Pattern p) {
        for (int i = 0; i < lines.size(); i++) if (p.matcher(lines.get(i)).matches()) return i;
        return -1;
    }
}
