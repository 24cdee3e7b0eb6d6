package wakeword.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResamplerTest {

    /** The rate pairs the daemon meets: microphones and files to the 16 kHz models, and 16 kHz to the 8 kHz baseline. */
    static Stream<Arguments> ratePairs() {
        return Stream.of(
                Arguments.of(48000, 16000), Arguments.of(44100, 16000), Arguments.of(32000, 16000),
                Arguments.of(22050, 16000), Arguments.of(16000, 8000), Arguments.of(8000, 16000));
    }

    @Test
    void equalRatesPassSamplesThroughUnchanged() {
        short[] x = noise(new Random(1), 10_000, 30_000);
        assertArrayEquals(x, Resampler.resample(x, 16000, 16000));
        assertEquals(0, new Resampler(44100, 44100, 2).halfWidth());
    }

    @ParameterizedTest
    @MethodSource("ratePairs")
    void outputLengthIsInputDurationAtTheNewRate(int from, int to) {
        for (int n : new int[] {0, 1, 2, 3, 440, 441, 1000, 12345}) {
            short[] y = Resampler.resample(new short[n], from, to);
            assertEquals((n * (long) to + from - 1) / from, y.length, "input of " + n);
        }
    }

    /**
     * A 1 kHz tone (in every passband) comes out as the same tone sampled at the output instants: amplitude
     * within 0.05 dB and no delay, so every sample is within 0.2 % of full scale of the ideal.
     */
    @ParameterizedTest
    @MethodSource("ratePairs")
    void passbandToneKeepsAmplitudeAndPhase(int from, int to) {
        double freq = 1000;
        double amp = 20_000;
        short[] x = tone(freq, amp, from, from * 2);
        short[] y = Resampler.resample(x, from, to);
        int margin = to / 10; // the ends see the silence the stream is padded with
        double maxError = 0;
        double[] fit = fitTone(y, freq, to, margin, y.length - margin);
        for (int k = margin; k < y.length - margin; k++) {
            double ideal = amp * Math.sin(2 * Math.PI * freq * k / to);
            maxError = Math.max(maxError, Math.abs(y[k] - ideal));
        }
        double gainDb = 20 * Math.log10(Math.hypot(fit[0], fit[1]) / amp);
        assertTrue(Math.abs(gainDb) < 0.05, "passband gain " + gainDb + " dB");
        assertTrue(maxError < 0.002 * 32768, "largest deviation from the ideal tone " + maxError);
    }

    /** Tones between the output's Nyquist frequency and the input's lose at least 70 dB instead of aliasing. */
    @ParameterizedTest
    @MethodSource("ratePairs")
    void tonesAboveTheTargetNyquistAreAttenuatedByAtLeast70Db(int from, int to) {
        if (to > from) {
            // Upsampling has nothing above the target's Nyquist; the input's spectral images must go instead.
            double amp = 30_000;
            double freq = 3000;
            short[] y = Resampler.resample(tone(freq, amp, from, from), from, to);
            double[] image = fitTone(y, from - freq, to, to / 10, y.length - to / 10);
            double attenuation = 20 * Math.log10(amp / Math.max(Math.hypot(image[0], image[1]), 1e-3));
            assertTrue(attenuation >= 70, "the image at " + (from - freq) + " Hz is only " + attenuation + " dB down");
            return;
        }
        double nyquist = to / 2.0;
        for (double f = nyquist * 1.02; f < from / 2.0 - 50; f += (from / 2.0 - nyquist) / 7) {
            double attenuation = attenuationDb(f, from, to);
            assertTrue(attenuation >= 70, from + " -> " + to + " Hz: a " + Math.round(f)
                    + " Hz tone is only " + attenuation + " dB down");
        }
    }

    @ParameterizedTest
    @MethodSource("ratePairs")
    void streamingInArbitraryChunksEqualsOneShot(int from, int to) {
        Random random = new Random(from * 31L + to);
        short[] x = noise(random, from * 3 + 17, 25_000);
        short[] expected = Resampler.resample(x, from, to);
        for (int trial = 0; trial < 5; trial++) {
            Resampler r = new Resampler(from, to, 1);
            short[] out = new short[expected.length + 64];
            int written = 0;
            for (int pos = 0; pos < x.length; ) {
                int n = Math.min(x.length - pos, random.nextInt(trial == 0 ? 3 : 9000));
                assertTrue(r.maxOutput(n) + written <= out.length);
                written += r.process(x, pos, n, out, written);
                pos += n;
            }
            written += r.flush(out, written);
            assertArrayEquals(expected, Arrays.copyOf(out, written), "trial " + trial);
        }
    }

    @Test
    void stereoIsAveragedToMonoBeforeResampling() {
        short[] mono = noise(new Random(7), 44100, 20_000);
        short[] stereo = stereoAround(mono, 1000);
        Resampler r = new Resampler(44100, 16000, 2);
        short[] out = new short[r.maxOutput(mono.length) + r.maxFlushOutput()];
        int n = r.process(stereo, 0, mono.length, out, 0);
        n += r.flush(out, n);
        assertArrayEquals(Resampler.resample(mono, 44100, 16000), Arrays.copyOf(out, n));
    }

    @Test
    void equalRatesStillAverageStereoAndCountEveryFrame() {
        short[] mono = noise(new Random(11), 3000, 20_000);
        short[] stereo = stereoAround(mono, 500);
        Resampler r = new Resampler(16000, 16000, 2);
        short[] out = new short[r.maxOutput(mono.length) + r.maxFlushOutput()];
        int n = r.process(stereo, 0, 1000, out, 0);
        n += r.process(stereo, 2000, mono.length - 1000, out, n);
        assertEquals(0, r.flush(out, n));
        assertArrayEquals(mono, Arrays.copyOf(out, n));
    }

    @Test
    void resetStartsAFreshStream() {
        short[] x = noise(new Random(3), 5000, 20_000);
        Resampler r = new Resampler(48000, 16000, 1);
        short[] out = new short[r.maxOutput(x.length) + r.maxFlushOutput()];
        r.process(noise(new Random(4), 777, 20_000), 0, 777, out, 0);
        r.reset();
        int n = r.process(x, 0, x.length, out, 0);
        n += r.flush(out, n);
        assertArrayEquals(Resampler.resample(x, 48000, 16000), Arrays.copyOf(out, n));
    }

    @Test
    void refusesRatesItCannotServe() {
        assertThrows(IllegalArgumentException.class, () -> new Resampler(0, 16000, 1));
        assertThrows(IllegalArgumentException.class, () -> new Resampler(16000, 500_000, 1));
        assertThrows(IllegalArgumentException.class, () -> new Resampler(16000, 16000, 0));
        assertThrows(IllegalArgumentException.class, () -> new Resampler(44101, 16000, 1));
    }

    @Test
    void fullScaleInputClipsInsteadOfWrapping() {
        short[] square = new short[4800];
        for (int i = 0; i < square.length; i++) {
            square[i] = (i / 24) % 2 == 0 ? Short.MAX_VALUE : Short.MIN_VALUE;
        }
        short[] y = Resampler.resample(square, 48000, 16000);
        // The Gibbs overshoot just after each edge must saturate, not wrap round to the opposite sign.
        int max = 0;
        for (int k = 40; k < y.length - 40; k++) {
            int half = (k * 3 / 24) % 2;
            int sinceEdge = (k * 3) % 24;
            if (sinceEdge >= 4 && sinceEdge <= 20) {
                assertTrue(half == 0 ? y[k] > 0 : y[k] < 0, "sample " + k + " = " + y[k]);
            }
            max = Math.max(max, y[k]);
        }
        assertEquals(Short.MAX_VALUE, max);
    }

    /** Input RMS over output RMS, in dB, away from the ends. */
    private static double attenuationDb(double freq, int from, int to) {
        double amp = 30_000;
        short[] x = tone(freq, amp, from, from);
        short[] y = Resampler.resample(x, from, to);
        int margin = to / 10;
        double sum = 0;
        for (int k = margin; k < y.length - margin; k++) {
            sum += (double) y[k] * y[k];
        }
        double rms = Math.sqrt(sum / (y.length - 2 * margin));
        return 20 * Math.log10((amp / Math.sqrt(2)) / Math.max(rms, 1e-3));
    }

    /** Least-squares sine and cosine amplitudes of {@code freq} in {@code y[from..to)}. */
    private static double[] fitTone(short[] y, double freq, int rate, int from, int to) {
        double ss = 0, sc = 0, cc = 0, ys = 0, yc = 0;
        for (int k = from; k < to; k++) {
            double s = Math.sin(2 * Math.PI * freq * k / rate);
            double c = Math.cos(2 * Math.PI * freq * k / rate);
            ss += s * s;
            sc += s * c;
            cc += c * c;
            ys += y[k] * s;
            yc += y[k] * c;
        }
        double det = ss * cc - sc * sc;
        return new double[] {(ys * cc - yc * sc) / det, (yc * ss - ys * sc) / det};
    }

    static short[] tone(double freq, double amp, int rate, int samples) {
        short[] x = new short[samples];
        for (int i = 0; i < samples; i++) {
            x[i] = (short) Math.round(amp * Math.sin(2 * Math.PI * freq * i / rate));
        }
        return x;
    }

    static short[] noise(Random random, int samples, int amp) {
        short[] x = new short[samples];
        for (int i = 0; i < samples; i++) {
            x[i] = (short) (random.nextInt(2 * amp + 1) - amp);
        }
        return x;
    }

    /** Left and right differ from {@code mono} by a sign-flipped offset that cancels in their average. */
    private static short[] stereoAround(short[] mono, int offset) {
        short[] stereo = new short[mono.length * 2];
        for (int i = 0; i < mono.length; i++) {
            stereo[2 * i] = (short) (mono[i] + offset);
            stereo[2 * i + 1] = (short) (mono[i] - offset);
        }
        return stereo;
    }
}
