package wakeword.tools.eval;

import java.util.ArrayList;
import java.util.List;
import wakeword.tools.audio.AudioFiles;
import wakeword.tools.data.Corpus;
import wakeword.tools.data.SpeakerSplit;

/**
 * The recordings one held-out part of the split gives its streams: its speakers' "stop" clips, their other
 * command words, their LibriSpeech utterances, and that part's region of every background-noise file.
 */
public record Material(SpeakerSplit.Part part, List<Recording> keywords, List<Recording> otherWords,
                       List<Recording> speech, List<Recording> noise) {

    /** One decoded recording with its active speech measured once. {@code id} is its path relative to the data. */
    public record Recording(String id, short[] samples, ActiveSpeech active) {
        static Recording of(String id, short[] samples) {
            return new Recording(id, samples, ActiveSpeech.of(samples));
        }
    }

    public static Material load(Corpus corpus, SpeakerSplit split, SpeakerSplit.Part part, java.nio.file.Path dataDir) {
        NoiseRegion region = NoiseRegion.forPart(part);
        List<Recording> keywords = new ArrayList<>();
        List<Recording> others = new ArrayList<>();
        List<Recording> speech = new ArrayList<>();
        List<Recording> noise = new ArrayList<>();
        for (Corpus.Clip c : corpus.clips()) {
            String id = dataDir.relativize(c.path()).toString();
            if ("noise".equals(c.word())) {
                noise.add(Recording.of(id, region.cut(AudioFiles.read(c.path()))));
                continue;
            }
            if (split.partOf(c.speaker()) != part) continue;
            Recording r = Recording.of(id, AudioFiles.read(c.path()));
            if (r.active().rms() <= 0) continue;
            if (c.isKeyword()) keywords.add(r);
            else if ("librispeech".equals(c.word())) speech.add(r);
            else others.add(r);
        }
        if (keywords.isEmpty() || noise.isEmpty()) {
            throw new IllegalArgumentException("the " + part + " part has no keyword clips or no noise recordings in "
                    + dataDir + ": check the shared data folder");
        }
        return new Material(part, List.copyOf(keywords), List.copyOf(others), List.copyOf(speech), List.copyOf(noise));
    }
}
