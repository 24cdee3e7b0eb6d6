package wakeword.tools.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** An index of the shared recordings: every clip with its word and speaker, found by walking the data folder. */
public final class Corpus {

    public static final String KEYWORD = "stop";
    public static final String NOISE_FOLDER = "_background_noise_";

    public static final String LIBRISPEECH = "librispeech";
    public static final String CONVERSATION = "conversation";
    public static final String WAKE_PHRASE = "wake_phrase";

    /**
     * One recording. {@code word} is the spoken word, "librispeech" for read speech, "conversation" for spoken
     * coffee orders, "wake_phrase" for other products' wake phrases, or "noise". Recordings without speaker ids
     * (conversation, wake phrases) use their file name as the speaker, so they are split by file name exactly as the
     * evaluation's streams split them.
     */
    public record Clip(Path path, String word, String speaker) {
        public boolean isKeyword() {
            return KEYWORD.equals(word);
        }
    }

    private final List<Clip> clips;

    private Corpus(List<Clip> clips) {
        this.clips = List.copyOf(clips);
    }

    /** Reads the layout described in the data folder's README. */
    public static Corpus scan(Path dataDir) {
        Path words = dataDir.resolve("speech_commands");
        Path libri = dataDir.resolve("speech/librispeech/train-clean-100");
        if (!Files.isDirectory(words)) {
            throw new IllegalArgumentException("no speech_commands folder under " + dataDir
                    + ": pass the shared data folder (the one with README.md, speech_commands/ and speech/)");
        }
        List<Clip> found = new ArrayList<>();
        for (Path file : flacFiles(words)) {
            String word = file.getParent().getFileName().toString();
            String name = file.getFileName().toString();
            if (NOISE_FOLDER.equals(word)) {
                found.add(new Clip(file, "noise", "noise:" + name));
            } else {
                int cut = name.indexOf("_nohash_");
                String speaker = cut > 0 ? name.substring(0, cut) : name;
                found.add(new Clip(file, word, speaker));
            }
        }
        if (Files.isDirectory(libri)) {
            for (Path file : flacFiles(libri)) {
                String name = file.getFileName().toString();
                found.add(new Clip(file, LIBRISPEECH, "libri:" + name.substring(0, name.indexOf('-'))));
            }
        }
        Path coffee = dataDir.resolve("speech/picovoice_coffee");
        if (Files.isDirectory(coffee)) {
            for (Path file : flacFiles(coffee)) {
                found.add(new Clip(file, CONVERSATION, file.getFileName().toString()));
            }
        }
        Path wake = dataDir.resolve("wake_words");
        if (Files.isDirectory(wake)) {
            for (Path file : flacFiles(wake)) {
                found.add(new Clip(file, WAKE_PHRASE, file.getFileName().toString()));
            }
        }
        Path noise = dataDir.resolve("noise");
        if (Files.isDirectory(noise)) {
            for (Path file : flacFiles(noise)) {
                found.add(new Clip(file, "noise", "noise:" + file.getFileName()));
            }
        }
        return new Corpus(found);
    }

    public List<Clip> clips() {
        return clips;
    }

    public List<Clip> select(SpeakerSplit split, SpeakerSplit.Part part, String word) {
        return clips.stream()
                .filter(c -> c.word().equals(word))
                .filter(c -> "noise".equals(word) || split.partOf(c.speaker()) == part)
                .toList();
    }

    private static List<Path> flacFiles(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".flac")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
