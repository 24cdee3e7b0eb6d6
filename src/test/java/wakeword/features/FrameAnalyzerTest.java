package wakeword.features;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class FrameAnalyzerTest {

    /**
     * The float path against a textbook computation: a direct O(N^2) DFT in double precision, and the mel
     * filters, log and DCT written out from their definitions. Agreement to 1e-3 (on features of magnitude
     * 1..100) shows the JTransforms packing, windowing and tables are right.
     */
    @Test
    void floatPathMatchesDirectDftReference() {
        for (FeatureParams p : new FeatureParams[] {FeatureFixtures.SHIPPED, FeatureFixtures.FULL_BAND, FeatureFixtures.SEED}) {
            short[] audio = FeatureFixtures.voiceLike(p.sampleRate(), 0.6, 5);
            float[][] frames = StreamingFrontend.framesOf(p, FeaturePath.FLOAT, audio);
            for (int f = 0; f < frames.length; f += 3) {
                double[] expected = reference(p, audio, f * p.hopLength());
                for (int k = 0; k < expected.length; k++) {
                    assertEquals(expected[k], frames[f][k], 1e-3, "frame " + f + " coefficient " + k);
                }
            }
        }
    }

    /**
     * Bound between the two paths: on speech-like audio from 0 dBFS down to -40 dBFS, every coefficient of
     * the fixed-point path is within 0.03 of the float path's (log-energy units; c0 spans about 40; Q15 twiddle error sets the floor for quiet bands).
     */
    @Test
    void fixedPointPathStaysWithinStatedBoundOfFloatPath() {
        for (FeatureParams p : new FeatureParams[] {FeatureFixtures.SHIPPED, FeatureFixtures.FULL_BAND, FeatureFixtures.SEED}) {
            short[] loud = FeatureFixtures.voiceLike(p.sampleRate(), 1.5, 9);
            for (double gain : new double[] {1.0, 0.1, 0.01}) {
                short[] audio = new short[loud.length];
                for (int i = 0; i < audio.length; i++) audio[i] = (short) Math.round(loud[i] * gain);
                float[][] floats = StreamingFrontend.framesOf(p, FeaturePath.FLOAT, audio);
                float[][] fixed = StreamingFrontend.framesOf(p, FeaturePath.FIXED, audio);
                double worst = 0;
                for (int f = 0; f < floats.length; f++) {
                    for (int k = 0; k < floats[f].length; k++) {
                        worst = Math.max(worst, Math.abs(floats[f][k] - fixed[f][k]));
                    }
                }
                assertTrue(worst < 0.03, "gain " + gain + ": worst difference " + worst);
            }
        }
    }

    @Test
    void digitalSilenceGivesTheLogFloorNotInfinity() {
        short[] silence = new short[4000];
        for (FeaturePath path : FeaturePath.values()) {
            float[][] frames = StreamingFrontend.framesOf(FeatureFixtures.SHIPPED, path, silence);
            double c0 = Math.log(FeatureParams.LOG_FLOOR) * Math.sqrt(FeatureFixtures.SHIPPED.melBands());
            assertEquals(c0, frames[0][0], 1e-3, path.name());
            assertEquals(0, frames[0][1], 1e-4, path.name());
        }
    }

    private static double[] reference(FeatureParams p, short[] audio, int start) {
        int n = p.fftSize();
        double[] power = new double[n / 2 + 1];
        for (int k = 0; k <= n / 2; k++) {
            double re = 0, im = 0;
            for (int i = 0; i < p.frameLength(); i++) {
                double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / p.frameLength());
                double x = audio[start + i] / 32768.0 * w;
                re += x * Math.cos(2 * Math.PI * k * i / n);
                im -= x * Math.sin(2 * Math.PI * k * i / n);
            }
            power[k] = re * re + im * im;
        }
        int bands = p.melBands();
        double lo = 2595 * Math.log10(1 + p.lowHz() / 700), hi = 2595 * Math.log10(1 + p.highHz() / 700);
        double[] logMel = new double[bands];
        for (int m = 0; m < bands; m++) {
            double l = hz(lo + (hi - lo) * m / (bands + 1)), c = hz(lo + (hi - lo) * (m + 1) / (bands + 1)),
                    r = hz(lo + (hi - lo) * (m + 2) / (bands + 1));
            double e = 0;
            for (int k = 0; k <= n / 2; k++) {
                double f = (double) k * p.sampleRate() / n;
                double w = Math.max(0, Math.min((f - l) / (c - l), (r - f) / (r - c)));
                e += w * power[k];
            }
            logMel[m] = Math.log(e + FeatureParams.LOG_FLOOR);
        }
        double[] out = new double[p.coefficients()];
        for (int k = 0; k < out.length; k++) {
            double s = 0;
            for (int m = 0; m < bands; m++) s += logMel[m] * Math.cos(Math.PI * k * (m + 0.5) / bands);
            out[k] = s * Math.sqrt((k == 0 ? 1.0 : 2.0) / bands);
        }
        return out;
    }

    private static double hz(double mel) {
        return 700 * (Math.pow(10, mel / 2595) - 1);
    }
}
