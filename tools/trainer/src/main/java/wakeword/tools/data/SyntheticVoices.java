package wakeword.tools.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The words that {@code tools/synth} rendered in synthetic voices (RHVoice, festival, flite, pico): "stop" in every
 * voice, and words that sound like it. Each voice is a speaker: it goes to train, validation or test by
 * {@link SpeakerSplit}'s hash of the recorded person behind it (one person can lie behind several engines' voices,
 * e.g. CMU ARCTIC "slt"), so a model never hears at validation or test a person it trained on; every engine with two
 * training speakers lends one to validation ({@link #parts}).
 *
 * <p>Reads {@code index.csv} in the cache folder ({@code tools/cache/synth} by default), whose header is
 * {@code voice,engine,word,variant,path,speaker}; paths are relative to that folder.
 */
public final class SyntheticVoices {

    /** The split salt every tool uses for these voices, so training and evaluation agree on the parts. */
    public static final String SALT = "v1";

    /** One rendered word. {@code variant} is the rate/pitch setting ("normal", "slow", "fast"). */
    public record Rendering(Path path, String voice, String engine, String word, String variant, String speaker) {
        /** "stop" itself; every other word (including "stopped", "bus stop") is a confusable. */
        public boolean isKeyword() {
            return Corpus.KEYWORD.equals(word);
        }
    }

    private final List<Rendering> renderings;
    private final Map<String, SpeakerSplit.Part> parts;

    private SyntheticVoices(List<Rendering> renderings, SpeakerSplit split) {
        this.renderings = List.copyOf(renderings);
        this.parts = parts(this.renderings, split);
    }

    /**
     * Every speaker's part: {@link SpeakerSplit}'s, except that an engine without a validation speaker lends it one of
     * its training speakers (the first by name, as long as the engine keeps another for training). By the hash alone
     * validation heard a single flite voice, so thresholds were chosen without ever hearing RHVoice, festival or
     * pico; the first v2 test streams then showed how differently the engines' confusables fire.
     */
    private static Map<String, SpeakerSplit.Part> parts(List<Rendering> renderings, SpeakerSplit split) {
        Map<String, SpeakerSplit.Part> parts = new TreeMap<>();
        Map<String, TreeSet<String>> byEngine = new TreeMap<>();
        for (Rendering r : renderings) {
            parts.put(r.speaker(), split.partOf(r.speaker()));
            byEngine.computeIfAbsent(r.engine(), e -> new TreeSet<>()).add(r.speaker());
        }
        for (TreeSet<String> speakers : byEngine.values()) {
            if (speakers.stream().anyMatch(s -> parts.get(s) == SpeakerSplit.Part.VALIDATION)) continue;
            List<String> training = speakers.stream().filter(s -> parts.get(s) == SpeakerSplit.Part.TRAIN).toList();
            if (training.size() >= 2) parts.put(training.get(0), SpeakerSplit.Part.VALIDATION);
        }
        return parts;
    }

    /** Whether {@code tools/synth} has written an index into {@code dir}: callers skip synthetic voices if not. */
    public static boolean present(Path dir) {
        return Files.isRegularFile(dir.resolve("index.csv"));
    }

    /** Reads the index in {@code dir}, split with {@link #SALT}. */
    public static SyntheticVoices read(Path dir) {
        return read(dir, new SpeakerSplit(SALT));
    }

    /** Reads the index in {@code dir}; a missing index or a bad line is one clear IllegalArgumentException. */
    public static SyntheticVoices read(Path dir, SpeakerSplit split) {
        Path index = dir.resolve("index.csv");
        if (!Files.isRegularFile(index)) {
            throw new IllegalArgumentException("no " + index + ": render the synthetic voices first (tools/synth)");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(index);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (lines.isEmpty() || !lines.get(0).equals("voice,engine,word,variant,path,speaker")) {
            throw new IllegalArgumentException(index + ": the first line must be voice,engine,word,variant,path,speaker");
        }
        List<Rendering> found = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            if (f.length != 6 || List.of(f).stream().anyMatch(String::isBlank)) {
                throw new IllegalArgumentException(index + ":" + (i + 1) + ": expected 6 non-empty fields: " + lines.get(i));
            }
            found.add(new Rendering(dir.resolve(f[4]), f[0], f[1], f[2], f[3], f[5]));
        }
        return new SyntheticVoices(found, split);
    }

    public List<Rendering> all() {
        return renderings;
    }

    public SpeakerSplit.Part partOf(Rendering r) {
        return parts.get(r.speaker());
    }

    /** "stop" in the voices of {@code part}. */
    public List<Rendering> positives(SpeakerSplit.Part part) {
        return renderings.stream().filter(r -> r.isKeyword() && partOf(r) == part).toList();
    }

    /** Every other word in the voices of {@code part}. */
    public List<Rendering> confusables(SpeakerSplit.Part part) {
        return renderings.stream().filter(r -> !r.isKeyword() && partOf(r) == part).toList();
    }
}
