package wakeword.tools.nn;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

public class TfNetworkTest {

    /** Noise rows; those labelled 1 also carry a bright two-frame band somewhere (like a word in a window). */
    public static float[][] blobs(int n, int frames, int coeffs, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * frames * coeffs];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextBoolean() ? 1f : 0f;
            int row = r.nextInt(frames - 2);
            for (int j = 0; j < frames * coeffs; j++) x[i * frames * coeffs + j] = (float) r.nextGaussian() * 0.3f;
            for (int f = row; f < row + 2 && y[i] > 0; f++)
                for (int c = 0; c < coeffs; c++) x[(i * frames + f) * coeffs + c] += 2f;
        }
        return new float[][] {x, y};
    }

    private static void trainAndCompare(Architecture arch) {
        float[][] data = blobs(64, arch.frames(), arch.coefficients(), 1);
        float[] w = new float[64];
        java.util.Arrays.fill(w, 1f);
        try (TfNetwork net = new TfNetwork(arch, 1e-4f, 7)) {
            float first = net.train(data[0], data[1], w, 3e-3f);
            float last = first;
            for (int s = 0; s < 150; s++) last = net.train(data[0], data[1], w, 3e-3f);
            assertTrue(last < first * 0.5f, "loss falls: " + first + " -> " + last);

            float[] tfLogits = net.logits(data[0], 64);
            FloatModel ref = new FloatModel(arch, net.weights());
            int size = arch.frames() * arch.coefficients();
            for (int i = 0; i < 64; i++) {
                float[] row = java.util.Arrays.copyOfRange(data[0], i * size, (i + 1) * size);
                assertEquals(tfLogits[i], ref.logit(row), 1e-3f * Math.max(1f, Math.abs(tfLogits[i])), "row " + i);
            }
        }
    }

    @Test
    void dsCnnTrainsAndTheJavaReferenceMatchesTensorFlow() {
        trainAndCompare(Architecture.dsCnn(20, 10, 16, 2, 0.1));
    }

    @Test
    void baselineTrainsAndTheJavaReferenceMatchesTensorFlow() {
        trainAndCompare(Architecture.baseline(16, 16));
    }

    @Test
    void aSeededRunRepeatsBitForBit() {
        Architecture arch = Architecture.dsCnn(49, 10, 16, 2, 0.2);
        float[][] data = blobs(128, 49, 10, 8);
        float[] w = new float[128];
        java.util.Arrays.fill(w, 1f);
        float[][] kernels = new float[2][];
        for (int run = 0; run < 2; run++) {
            try (TfNetwork net = new TfNetwork(arch, 1e-4f, 11)) {
                for (int s = 0; s < 30; s++) net.train(data[0], data[1], w, 3e-3f);
                kernels[run] = net.weights().kernel(0);
            }
        }
        assertArrayEquals(kernels[0], kernels[1]);
    }

    @Test
    void macsOfTheShippedShapeStayUnderTheBudget() {
        Architecture a = Architecture.dsCnn(49, 10, 48, 4, 0.2);
        // 10x4 conv: 25*5*48*40; each block: 25*5*48*9 + 25*5*48*48; dense 48.
        assertEquals(25L * 5 * 48 * 40 + 4L * (25 * 5 * 48 * 9 + 25 * 5 * 48 * 48) + 48, a.macs());
        assertTrue(a.macs() <= 2_000_000);
    }
}
