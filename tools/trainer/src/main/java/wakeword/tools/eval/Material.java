package wakeword.tools.eval;

import wakeword.tools.data.NoiseRegion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import wakeword.tools.audio.AudioFiles;
import wakeword.tools.data.Corpus;
import wakeword.tools.data.FileSplit;
import wakeword.tools.data.SpeakerSplit;
import wakeword.tools.data.SyntheticVoices;

/**
 * The recordings one held-out part of the split gives its streams: its speakers' "stop" clips, their other command
 * words, their LibriSpeech utterances; its share (by file name) of the other products' wake phrases and of the
 * coffee-order conversations; the part's synthetic voices ("stop" and the confusable words); and that part's region
 * of every noise recording.
 *
 * @param syntheticKeywords "stop" in the part's synthetic voices: a stream of its own, reported apart
 * @param otherWords        short items, trimmed to their active speech: command words, synthetic confusables,
 *                          wake phrases
 * @param speech            long items, used whole (or cut): LibriSpeech and coffee orders
 */
public record Material(SpeakerSplit.Part part, List<Recording> keywords, List<Recording> syntheticKeywords,
                       List<Recording> otherWords, List<Recording> speech, List<Recording> noise) {

    /**
     * One decoded recording with its active speech measured once. {@code id} is its path relative to the data
     * (or {@code synth:<voice>/<file>}); {@code kind} and {@code group} are what a false alarm on it is filed under.
     */
    public record Recording(String id, String kind, String group, short[] samples, ActiveSpeech active) {
        static Recording of(String id, String kind, String group, short[] samples) {
            return new Recording(id, kind, group, samples, ActiveSpeech.of(samples));
        }

        boolean isLong() {
            return StreamLabels.GROUP_LIBRISPEECH.equals(group) || StreamLabels.GROUP_COFFEE.equals(group);
        }
    }

    static final String WAKE_WORDS = "wake_words";
    static final String COFFEE = "speech/picovoice_coffee";

    /** @param voices the rendered synthetic voices, or null to build the streams without them */
    public static Material load(Corpus corpus, SpeakerSplit split, SpeakerSplit.Part part, Path dataDir,
                                SyntheticVoices voices) {
        NoiseRegion region = NoiseRegion.forPart(part);
        List<Recording> keywords = new ArrayList<>();
        List<Recording> others = new ArrayList<>();
        List<Recording> speech = new ArrayList<>();
        List<Recording> noise = new ArrayList<>();
        for (Corpus.Clip c : corpus.clips()) {
            String id = dataDir.relativize(c.path()).toString();
            if ("noise".equals(c.word())) {
                noise.add(Recording.of(id, StreamLabels.GROUP_NOISE, StreamLabels.GROUP_NOISE, region.cut(AudioFiles.read(c.path()))));
                continue;
            }
            // Coffee orders and wake phrases join below under their own groups; taken here too they were counted
            // twice, once as "other words".
            if (Corpus.CONVERSATION.equals(c.word()) || Corpus.WAKE_PHRASE.equals(c.word())) continue;
            if (split.partOf(c.speaker()) != part) continue;
            Recording r;
            if (c.isKeyword()) {
                r = Recording.of(id, Corpus.KEYWORD, StreamLabels.GROUP_KEYWORD, AudioFiles.read(c.path()));
            } else if ("librispeech".equals(c.word())) {
                r = Recording.of(id, StreamLabels.GROUP_LIBRISPEECH, StreamLabels.GROUP_LIBRISPEECH, AudioFiles.read(c.path()));
            } else {
                r = Recording.of(id, c.word(), StreamLabels.GROUP_WORDS, AudioFiles.read(c.path()));
            }
            if (r.active().rms() <= 0) continue;
            (c.isKeyword() ? keywords : r.isLong() ? speech : others).add(r);
        }
        FileSplit byName = new FileSplit(split);
        for (Path f : flac(dataDir.resolve(WAKE_WORDS))) {
            if (byName.partOf(f) == part) add(others, dataDir, f, StreamLabels.GROUP_WAKE_PHRASE, StreamLabels.GROUP_WAKE_PHRASE);
        }
        for (Path f : flac(dataDir.resolve(COFFEE))) {
            if (byName.partOf(f) == part) add(speech, dataDir, f, StreamLabels.GROUP_COFFEE, StreamLabels.GROUP_COFFEE);
        }
        List<Recording> syntheticKeywords = new ArrayList<>();
        if (voices != null) {
            for (SyntheticVoices.Rendering v : voices.positives(part)) {
                syntheticKeywords.add(synthetic(v, StreamLabels.GROUP_SYNTHETIC_KEYWORD));
            }
            for (SyntheticVoices.Rendering v : voices.confusables(part)) {
                others.add(synthetic(v, StreamLabels.GROUP_SYNTHETIC_WORDS));
            }
        }
        if (keywords.isEmpty() || noise.isEmpty()) {
            throw new IllegalArgumentException("the " + part + " part has no keyword clips or no noise recordings in "
                    + dataDir + ": check the shared data folder");
        }
        return new Material(part, List.copyOf(keywords), List.copyOf(syntheticKeywords), List.copyOf(others),
                List.copyOf(speech), List.copyOf(noise));
    }

    private static void add(List<Recording> to, Path dataDir, Path file, String kind, String group) {
        Recording r = Recording.of(dataDir.relativize(file).toString(), kind, group, AudioFiles.read(file));
        if (r.active().rms() > 0) to.add(r);
    }

    private static Recording synthetic(SyntheticVoices.Rendering v, String group) {
        return Recording.of("synth:" + v.voice() + "/" + v.path().getFileName(), v.word(), group, AudioFiles.read(v.path()));
    }

    /** Every .flac below {@code dir} in name order; none if the folder is absent (older copies of the data). */
    static List<Path> flac(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".flac")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
