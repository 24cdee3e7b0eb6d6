package wakeword.tools.data;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import wakeword.tools.audio.AudioFiles;
import wakeword.tools.audio.WordBounds;

/**
 * The decoded audio of one part of the split (train, validation or test): keyword clips, other-word clips,
 * LibriSpeech utterances of that part's speakers, and that part's share of every background-noise recording
 * (the first 80% of each file trains, the next 10% validates, the last 10% tests, so no noise is seen twice).
 */
public record PartAudio(SpeakerSplit.Part part, List<Word> keyword, List<Word> otherWords, List<short[]> speech,
                        List<short[]> noise, List<Word> syntheticKeyword, List<Word> confusables) {

    /** One clip of one spoken word and where the word lies in it. */
    public record Word(short[] samples, WordBounds bounds, String word, String speaker) {}

    public static PartAudio load(Corpus corpus, SpeakerSplit split, SpeakerSplit.Part part) {
        List<Corpus.Clip> clips = corpus.clips();
        List<Word> words = clips.parallelStream()
                .filter(c -> !"noise".equals(c.word()) && !"librispeech".equals(c.word()))
                .filter(c -> split.partOf(c.speaker()) == part)
                .map(c -> {
                    short[] s = AudioFiles.read(c.path());
                    return new Word(s, WordBounds.of(s), c.word(), c.speaker());
                })
                .collect(Collectors.toList());
        List<short[]> speech = clips.parallelStream()
                .filter(c -> "librispeech".equals(c.word()) && split.partOf(c.speaker()) == part)
                .map(c -> AudioFiles.read(c.path()))
                .collect(Collectors.toList());
        List<short[]> noise = new ArrayList<>();
        for (Corpus.Clip c : clips) {
            if (!"noise".equals(c.word())) continue;
            short[] all = AudioFiles.read(c.path());
            int a = part == SpeakerSplit.Part.TRAIN ? 0 : part == SpeakerSplit.Part.VALIDATION ? all.length * 8 / 10 : all.length * 9 / 10;
            int b = part == SpeakerSplit.Part.TRAIN ? all.length * 8 / 10 : part == SpeakerSplit.Part.VALIDATION ? all.length * 9 / 10 : all.length;
            noise.add(java.util.Arrays.copyOfRange(all, a, b));
        }
        List<Word> keyword = words.stream().filter(w -> Corpus.KEYWORD.equals(w.word())).toList();
        List<Word> other = words.stream().filter(w -> !Corpus.KEYWORD.equals(w.word())).toList();
        return new PartAudio(part, keyword, other, speech, noise, List.of(), List.of());
    }

    /** This part plus synthetic keyword renderings and near-miss words (for training only). */
    public PartAudio withSynthetic(List<Word> synthKeyword, List<Word> nearMisses) {
        return new PartAudio(part, keyword, otherWords, speech, noise, List.copyOf(synthKeyword), List.copyOf(nearMisses));
    }

    public long speakers() {
        return java.util.stream.Stream.concat(keyword.stream(), otherWords.stream()).map(Word::speaker).distinct().count();
    }

    public long keywordSpeakers() {
        return keyword.stream().map(Word::speaker).distinct().count();
    }
}
