package wakeword.tools.tflite;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import wakeword.tools.nn.Architecture;
import wakeword.tools.nn.FloatModel;
import wakeword.tools.nn.TfNetwork;
import wakeword.tools.nn.TfNetworkTest;

/** Trains small networks for a few steps, exports them, and runs the file through the real TFLite interpreter. */
class Int8ExporterTest {

    /** Largest |int8 score - float score| accepted on held-out rows (scores are 0..1; one output step is 1/256). */
    static final float MAX_SCORE_ERROR = 0.04f;

    private static void exportAndCompare(Architecture arch, int steps) {
        int n = 128;
        float[][] train = TfNetworkTest.blobs(n, arch.frames(), arch.coefficients(), 1);
        float[][] held = TfNetworkTest.blobs(n, arch.frames(), arch.coefficients(), 2);
        float[] w = new float[n];
        Arrays.fill(w, 1f);
        int size = arch.frames() * arch.coefficients();
        try (TfNetwork net = new TfNetwork(arch, 1e-4f, 3)) {
            // Few steps: the scores stay spread over 0..1 instead of saturating, so the comparison means something.
            for (int s = 0; s < steps; s++) net.train(train[0], train[1], w, 1e-3f);
            FloatModel ref = new FloatModel(arch, net.weights());
            List<float[]> calibration = new ArrayList<>();
            for (int i = 0; i < n; i++) calibration.add(Arrays.copyOfRange(train[0], i * size, (i + 1) * size));
            Int8Model exported = Int8Exporter.export(ref, Int8Exporter.inputRange(train[0]), calibration);
            float worst = 0;
            int agree = 0;
            int midRange = 0;
            try (TfliteRunner lite = new TfliteRunner(exported, size)) {
                for (int i = 0; i < n; i++) {
                    float[] row = Arrays.copyOfRange(held[0], i * size, (i + 1) * size);
                    float f = ref.score(row);
                    float q = lite.score(row);
                    worst = Math.max(worst, Math.abs(f - q));
                    if (f > 0.05f && f < 0.95f) midRange++;
                    if ((f >= 0.5f) == (q >= 0.5f)) agree++;
                }
            }
            assertTrue(midRange >= n / 5, arch.name() + ": only " + midRange + " unsaturated scores");
            assertTrue(worst <= MAX_SCORE_ERROR, arch.name() + ": worst |int8 - float| = " + worst);
            assertTrue(agree >= n - 3, arch.name() + ": decisions agree on " + agree + " of " + n);
        }
    }

    @Test
    void dsCnnInt8MatchesItsFloatModel() {
        exportAndCompare(Architecture.dsCnn(20, 10, 16, 2, 0.1), 30);
    }

    @Test
    void streamingDsCnnInt8MatchesItsFloatModel() {
        exportAndCompare(Architecture.streamingDsCnn(49, 10, 16, 1, 5, 3, 0.1), 30);
    }

    @Test
    void baselineInt8MatchesItsFloatModel() {
        exportAndCompare(Architecture.baseline(16, 16), 3);
    }
}
