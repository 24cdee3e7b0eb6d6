package wakeword.features;

import java.util.Random;

/** Audio that exercises the frontend: speech-like harmonics with noise and a silent gap, at several levels. */
final class FeatureFixtures {

    static final FeatureParams SHIPPED = new FeatureParams(16000, 480, 320, 512, 40, 10, 0, 4000);
    static final FeatureParams FULL_BAND = new FeatureParams(16000, 480, 320, 512, 40, 10, 20, 7600);
    static final FeatureParams SEED = new FeatureParams(8000, 2048, 400, 2048, 26, 16, 0, 4000);

    private FeatureFixtures() {
    }

    static short[] voiceLike(int sampleRate, double seconds, long seed) {
        Random random = new Random(seed);
        short[] out = new short[(int) (sampleRate * seconds)];
        double phase = 0;
        for (int i = 0; i < out.length; i++) {
            double t = (double) i / sampleRate;
            double pitch = 120 + 60 * Math.sin(2 * Math.PI * 0.7 * t);
            phase += 2 * Math.PI * pitch / sampleRate;
            double envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 1.3 * t);
            boolean silent = t > seconds * 0.4 && t < seconds * 0.5;
            double v = 0;
            for (int h = 1; h <= 12; h++) {
                v += Math.sin(h * phase) / h;
            }
            double sample = silent ? 0 : 6000 * envelope * v + 300 * random.nextGaussian();
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(sample)));
        }
        return out;
    }
}
