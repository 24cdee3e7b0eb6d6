package wakeword.tools.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import wakeword.tools.audio.AudioFiles;
import wakeword.tools.audio.WordBounds;

/**
 * The decoded audio of one part of the split (train, validation or test): keyword clips, other-word clips,
 * LibriSpeech utterances, spoken coffee orders and other wake phrases of that part's speakers (files, where no
 * speaker ids exist), and that part's share of every background-noise recording ({@link NoiseRegion}: the first 70%
 * of each file trains, 70-85% validates, the last 15% tests, as in the evaluation's streams). Synthetic voices and mined hard negatives
 * are added by the trainer.
 */
public record PartAudio(SpeakerSplit.Part part, List<Word> keyword, List<Word> otherWords, List<short[]> speech,
                        List<short[]> noise, List<Word> syntheticKeyword, List<Word> confusables,
                        List<short[]> conversation, List<short[]> wakePhrases, List<short[]> hardNegatives) {

    /** One clip of one spoken word and where the word lies in it. */
    public record Word(short[] samples, WordBounds bounds, String word, String speaker) {}

    private static final Set<String> NOT_WORDS = Set.of("noise", Corpus.LIBRISPEECH, Corpus.CONVERSATION, Corpus.WAKE_PHRASE);

    public static PartAudio load(Corpus corpus, SpeakerSplit split, SpeakerSplit.Part part) {
        List<Corpus.Clip> clips = corpus.clips();
        List<Word> words = clips.parallelStream()
                .filter(c -> !NOT_WORDS.contains(c.word()))
                .filter(c -> split.partOf(c.speaker()) == part)
                .map(c -> {
                    short[] s = AudioFiles.read(c.path());
                    return new Word(s, WordBounds.of(s), c.word(), c.speaker());
                })
                .collect(Collectors.toList());
        List<short[]> noise = new ArrayList<>();
        for (Corpus.Clip c : clips) {
            if (!"noise".equals(c.word())) continue;
            noise.add(NoiseRegion.forPart(part).cut(AudioFiles.read(c.path())));
        }
        List<Word> keyword = words.stream().filter(w -> Corpus.KEYWORD.equals(w.word())).toList();
        List<Word> other = words.stream().filter(w -> !Corpus.KEYWORD.equals(w.word())).toList();
        return new PartAudio(part, keyword, other, recordings(clips, Corpus.LIBRISPEECH, split, part), noise, List.of(),
                List.of(), recordings(clips, Corpus.CONVERSATION, split, part),
                recordings(clips, Corpus.WAKE_PHRASE, split, part), List.of());
    }

    private static List<short[]> recordings(List<Corpus.Clip> clips, String word, SpeakerSplit split, SpeakerSplit.Part part) {
        return clips.parallelStream()
                .filter(c -> word.equals(c.word()) && split.partOf(c.speaker()) == part)
                .map(c -> AudioFiles.read(c.path()))
                .collect(Collectors.toList());
    }

    /** This part plus synthetic renderings of the keyword and of words that sound like it. */
    public PartAudio withSynthetic(List<Word> synthKeyword, List<Word> nearMisses) {
        return new PartAudio(part, keyword, otherWords, speech, noise, List.copyOf(synthKeyword), List.copyOf(nearMisses),
                conversation, wakePhrases, hardNegatives);
    }

    /** This part with {@code mined} (keyword-free windows a model fired on) as its hard negatives. */
    public PartAudio withHardNegatives(List<short[]> mined) {
        return new PartAudio(part, keyword, otherWords, speech, noise, syntheticKeyword, confusables, conversation,
                wakePhrases, List.copyOf(mined));
    }

    public long speakers() {
        return java.util.stream.Stream.concat(keyword.stream(), otherWords.stream()).map(Word::speaker).distinct().count();
    }

    public long keywordSpeakers() {
        return keyword.stream().map(Word::speaker).distinct().count();
    }
}
