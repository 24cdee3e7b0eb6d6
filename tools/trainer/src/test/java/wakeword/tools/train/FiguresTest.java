package wakeword.tools.train;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import wakeword.tools.data.ExampleSet;
import wakeword.tools.data.WindowMaker.Kind;

class FiguresTest {

    @Test
    void strictThresholdLetsThroughAtMostTheAllowedShareOfNegatives() {
        int negatives = 1000;
        int positives = 10;
        int n = negatives + positives + 5;
        Kind[] kinds = new Kind[n];
        float[] y = new float[n];
        float[] scores = new float[n];
        for (int i = 0; i < negatives; i++) {
            kinds[i] = i % 2 == 0 ? Kind.SPEECH : Kind.OTHER_WORD;
            scores[i] = i / (float) negatives; // 0 .. 0.999
        }
        for (int i = negatives; i < negatives + positives; i++) {
            kinds[i] = Kind.KEYWORD;
            y[i] = 1;
            scores[i] = 0.990f + (i - negatives) * 0.001f; // 0.990 .. 0.999
        }
        for (int i = negatives + positives; i < n; i++) {
            kinds[i] = Kind.PARTIAL_KEYWORD; // never counted as a negative for the strict point
            scores[i] = 1f;
        }
        Figures f = Figures.of(new ExampleSet(new float[n], y, new float[n], kinds, n, 1), scores);
        // 0.5% of 1000 negatives = 5 may pass: those scoring 0.995..0.999, so the threshold sits just above 0.994.
        assertEquals(0.994, f.strictThreshold(), 1e-5);
        assertEquals(0.5, f.strictRecall(), 1e-9, "positives scoring 0.995..0.999");
        assertEquals(1.0, f.recall(), 1e-9);
        assertEquals(1.0, f.falseAlarms().get(Kind.PARTIAL_KEYWORD), 1e-9);
        assertEquals(0.5, f.falseAlarms().get(Kind.SPEECH), 0.002);
    }
}
