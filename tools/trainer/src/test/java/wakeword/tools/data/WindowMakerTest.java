package wakeword.tools.data;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import wakeword.tools.audio.WordBounds;
import wakeword.tools.train.Recipe;

/** Placement rules, on a synthetic "word" (a loud tone burst) whose position is known exactly. */
class WindowMakerTest {

    private static final int WINDOW = 15840;
    private static final int WORD_START = 4000;
    private static final int WORD_END = 10400;

    private static PartAudio synthetic() {
        short[] clip = new short[16000];
        for (int i = WORD_START; i < WORD_END; i++) clip[i] = (short) (8000 * Math.sin(2 * Math.PI * 500 * i / 16000.0));
        Random r = new Random(1);
        short[] noise = new short[16000 * 5];
        for (int i = 0; i < noise.length; i++) noise[i] = (short) (r.nextGaussian() * 100);
        PartAudio.Word word = new PartAudio.Word(clip, WordBounds.of(clip), "stop", "s1");
        return new PartAudio(SpeakerSplit.Part.TRAIN, List.of(word), List.of(new PartAudio.Word(clip, WordBounds.of(clip), "go", "s1")),
                List.of(noise), List.of(noise), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** Indices of the first and last sample well above the added noise. */
    private static int[] loudSpan(short[] w) {
        int first = -1, last = -1;
        double threshold = 0.2 * peak(w);
        for (int i = 0; i < w.length; i++) {
            if (Math.abs(w[i]) > threshold) {
                if (first < 0) first = i;
                last = i;
            }
        }
        return new int[] {first, last};
    }

    private static int peak(short[] w) {
        int m = 0;
        for (short s : w) m = Math.max(m, Math.abs(s));
        return m;
    }

    @Test
    void boundsFindTheWord() {
        WordBounds b = synthetic().keyword().get(0).bounds();
        assertEquals(WORD_START, b.start(), 160);
        assertEquals(WORD_END, b.end(), 160);
    }

    @Test
    void keywordWindowsHoldTheWholeWordAndPartialOnesCutIt() {
        Augmentation noSnrSpread = new Augmentation(30, 30, -10, -10, 0.1, 0.5, 0.25, 0.4, 0);
        WindowMaker maker = new WindowMaker(synthetic(), noSnrSpread, WINDOW);
        Random r = new Random(3);
        int nearEnd = 0;
        for (int i = 0; i < 200; i++) {
            int[] span = loudSpan(maker.make(WindowMaker.Kind.KEYWORD, r));
            int length = span[1] - span[0] + 1;
            assertTrue(length >= (WORD_END - WORD_START) / 1.1 - 200, "whole word inside: " + length);
            if (span[1] >= WINDOW - 0.25 * 16000) nearEnd++;
        }
        assertTrue(nearEnd >= 90, "about half end near the window end, plus the uniform share: " + nearEnd);
        for (int i = 0; i < 200; i++) {
            int[] span = loudSpan(maker.make(WindowMaker.Kind.PARTIAL_KEYWORD, r));
            int length = span[1] - span[0] + 1;
            assertTrue(length <= 0.6 * (WORD_END - WORD_START) * 1.1 + 200, "at least 40% cut away: " + length);
            // within one period of the 500 Hz tone of the edge
            assertTrue(span[0] <= 32 || span[1] >= WINDOW - 33, "the cut is at an edge: " + span[0] + ".." + span[1]);
        }
    }

    @Test
    void cleanWindowsKeepTheRecordingsOwnSilenceAndTheRestGetNoise() {
        WindowMaker clean = new WindowMaker(synthetic(), new Augmentation(10, 10, -10, -10, 0, 0, 0.25, 0.4, 1), WINDOW);
        WindowMaker noisy = new WindowMaker(synthetic(), new Augmentation(10, 10, -10, -10, 0, 0, 0.25, 0.4, 0), WINDOW);
        Random r = new Random(5);
        for (int i = 0; i < 20; i++) {
            assertEquals(0, silentSamples(noisy.make(WindowMaker.Kind.KEYWORD, r)) / 1000, "noise everywhere");
            // The tone burst spans 6,400 of the window's 15,840 samples; the clip is silent around it.
            assertTrue(silentSamples(clean.make(WindowMaker.Kind.KEYWORD, r)) > 9000, "no noise added");
            int silent = silentSamples(clean.make(WindowMaker.Kind.SPEECH, r));
            assertTrue(silent < 1000, "speech windows hold the recording: " + silent);
        }
    }

    private static int silentSamples(short[] w) {
        int n = 0;
        for (short s : w) if (s == 0) n++;
        return n;
    }

    @Test
    void generationIsRepeatableWhateverTheThreading() {
        WindowMaker maker = new WindowMaker(synthetic(), Augmentation.training(), WINDOW);
        FeatureSpec spec = new FeatureSpec(Recipe.SHIPPED_FEATURES, Recipe.SHIPPED_FRAMES, UnaryOperator.identity());
        Map<WindowMaker.Kind, Integer> counts = Map.of(WindowMaker.Kind.KEYWORD, 20, WindowMaker.Kind.NOISE, 20,
                WindowMaker.Kind.SPEECH, 10);
        ExampleSet a = ExampleSet.generate(maker, spec, counts, Map.of(), 42);
        ExampleSet b = ExampleSet.generate(maker, spec, counts, Map.of(), 42);
        ExampleSet c = ExampleSet.generate(maker, spec, counts, Map.of(), 43);
        assertArrayEquals(a.x(), b.x());
        assertArrayEquals(a.y(), b.y());
        assertFalse(java.util.Arrays.equals(a.x(), c.x()));
        assertEquals(20, (int) a.countByKind().get(WindowMaker.Kind.KEYWORD));
    }
}
