package wakeword.audio;

import java.util.Arrays;

/**
 * Streaming rational resampler for 16-bit PCM: interleaved frames of any channel count in, mono out.
 *
 * <p>Channels are averaged to mono first, then the rate changes by {@code L/M} (reduced
 * {@code toRate/fromRate}) through a polyphase windowed-sinc FIR. The lowpass is designed at the lower of the
 * two rates: passband flat to 0.45 of it, stopband from its Nyquist (0.50) with at least {@value #STOPBAND_DB}
 * dB (Kaiser window), so nothing above the target's Nyquist folds back into the output. At equal rates the
 * filter is skipped and mono samples pass through unchanged.
 *
 * <p>Output sample {@code k} sits exactly at input time {@code k * fromRate / toRate} (zero phase, no
 * delay): the filter looks {@link #halfWidth()} input samples ahead, so the stream lags by that much until
 * {@link #flush} pads the end with silence. {@code process} + {@code flush} over a stream of {@code n} frames
 * yields exactly {@code ceil(n * toRate / fromRate)} samples, however the input was chunked. Steady-state
 * calls allocate nothing.
 */
public final class Resampler {

    /** Stopband attenuation the Kaiser design aims at. */
    public static final double STOPBAND_DB = 80.0;
    /** Passband edge, as a fraction of the lower rate. */
    static final double PASSBAND_EDGE = 0.45;
    /** Stopband edge, as a fraction of the lower rate: its Nyquist frequency. */
    static final double STOPBAND_EDGE = 0.50;
    /** Beyond this many polyphase branches the table grows to megabytes: such rate pairs are refused. */
    static final int MAX_PHASES = 4096;
    /** Input samples taken into the history per pass; bounds the history buffer. */
    private static final int BLOCK = 4096;

    private final int fromRate;
    private final int toRate;
    private final int channels;
    private final int up;
    private final int down;
    private final int half;
    private final float[][] phases;

    /** Mono input history; {@code history[0]} is input sample number {@code historyStart}. */
    private final float[] history;
    private long historyStart;
    private int historyLength;
    /** Frames received so far (before padding). */
    private long framesIn;
    /** Next output sits at input time {@code nextIndex + nextPhase / up}. */
    private long nextIndex;
    private int nextPhase;
    private boolean flushed;

    /**
     * @param fromRate the input rate, 1000 to 384000 Hz
     * @param toRate   the output rate, 1000 to 384000 Hz
     * @param channels interleaved channels per input frame, averaged to mono
     * @throws IllegalArgumentException for rates outside that range or whose ratio needs more than
     *                                  {@value #MAX_PHASES} polyphase branches (such as 44101 to 16000)
     */
    public Resampler(int fromRate, int toRate, int channels) {
        checkRate(fromRate);
        checkRate(toRate);
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be at least 1, got " + channels);
        }
        int g = gcd(fromRate, toRate);
        this.fromRate = fromRate;
        this.toRate = toRate;
        this.channels = channels;
        this.up = toRate / g;
        this.down = fromRate / g;
        if (up > MAX_PHASES) {
            throw new IllegalArgumentException("cannot resample " + fromRate + " Hz to " + toRate
                    + " Hz: the ratio " + up + "/" + down + " is too fine");
        }
        if (up == down) {
            this.half = 0;
            this.phases = new float[0][];
        } else {
            this.half = halfWidth(fromRate, Math.min(fromRate, toRate));
            this.phases = designPhases(up, half, (double) Math.min(fromRate, toRate) / fromRate);
        }
        this.history = new float[2 * half + BLOCK];
        reset();
    }

    /** One-shot convenience: all of {@code in} (mono) from {@code fromRate} to {@code toRate}. */
    public static short[] resample(short[] in, int fromRate, int toRate) {
        Resampler r = new Resampler(fromRate, toRate, 1);
        short[] out = new short[r.maxOutput(in.length) + r.maxFlushOutput()];
        int n = r.process(in, 0, in.length, out, 0);
        n += r.flush(out, n);
        return Arrays.copyOf(out, n);
    }

    /** Forgets all input: the next sample starts a new stream. */
    public void reset() {
        Arrays.fill(history, 0f);
        // The stream is preceded by silence, so the first outputs have a full filter window.
        historyStart = -half;
        historyLength = half;
        framesIn = 0;
        nextIndex = 0;
        nextPhase = 0;
        flushed = false;
    }

    public int fromRate() {
        return fromRate;
    }

    public int toRate() {
        return toRate;
    }

    public int channels() {
        return channels;
    }

    /** Input samples the filter looks ahead (and behind); 0 when the rates are equal. */
    public int halfWidth() {
        return half;
    }

    /** Most samples one {@link #process} call can return for {@code frames} input frames. */
    public int maxOutput(int frames) {
        return (int) (((long) frames * up + down - 1) / down) + 1;
    }

    /** Most samples {@link #flush} can return. */
    public int maxFlushOutput() {
        return maxOutput(half + 1);
    }

    /**
     * Takes {@code frames} interleaved frames and writes every output sample they complete.
     *
     * @param out needs room for {@link #maxOutput(int) maxOutput(frames)} samples from {@code outOffset}
     * @return the number of samples written
     */
    public int process(short[] in, int inOffset, int frames, short[] out, int outOffset) {
        if (flushed) {
            throw new IllegalStateException("flush() ended this stream; reset() starts a new one");
        }
        if ((long) frames * channels > in.length - inOffset || inOffset < 0 || frames < 0) {
            throw new IndexOutOfBoundsException("frames " + frames + " x " + channels + " channels from "
                    + inOffset + " exceed the input of " + in.length);
        }
        if (half == 0 && channels == 1) {
            // Equal rates, one channel: every output sample is its input sample (short to float and back is
            // exact), so copy them and move the stream position as the filter path would.
            System.arraycopy(in, inOffset, out, outOffset, frames);
            framesIn += frames;
            nextIndex += frames;
            historyStart += frames;
            return frames;
        }
        int written = 0;
        int pos = inOffset;
        int remaining = frames;
        while (remaining > 0) {
            int n = Math.min(remaining, history.length - historyLength);
            appendFrames(in, pos, n);
            pos += n * channels;
            remaining -= n;
            framesIn += n;
            written += emit(out, outOffset + written, Long.MAX_VALUE);
            compact();
        }
        return written;
    }

    /**
     * Ends the stream: pads it with silence and writes the outputs still pending, so that the whole stream of
     * {@code n} frames gave {@code ceil(n * toRate / fromRate)} samples. Call {@link #reset()} to reuse.
     *
     * @param out needs room for {@link #maxFlushOutput()} samples from {@code outOffset}
     */
    public int flush(short[] out, int outOffset) {
        if (flushed) {
            return 0;
        }
        flushed = true;
        int written = 0;
        int padding = half;
        while (nextIndex < framesIn) {
            int n = Math.min(padding, history.length - historyLength);
            Arrays.fill(history, historyLength, historyLength + n, 0f);
            historyLength += n;
            padding -= n;
            written += emit(out, outOffset + written, framesIn);
            compact();
        }
        return written;
    }

    private void appendFrames(short[] in, int pos, int frames) {
        if (channels == 1) {
            for (int i = 0; i < frames; i++) {
                history[historyLength + i] = in[pos + i];
            }
        } else {
            float scale = 1f / channels;
            for (int i = 0, p = pos; i < frames; i++) {
                int sum = 0;
                for (int c = 0; c < channels; c++) {
                    sum += in[p++];
                }
                history[historyLength + i] = sum * scale;
            }
        }
        historyLength += frames;
    }

    /** Writes the outputs whose filter window is in the history and whose time is before {@code endIndex}. */
    private int emit(short[] out, int outOffset, long endIndex) {
        long available = historyStart + historyLength; // first input index not yet received
        int written = 0;
        if (half == 0) {
            for (; nextIndex < available && nextIndex < endIndex; nextIndex++) {
                out[outOffset + written++] = toShort(history[(int) (nextIndex - historyStart)]);
            }
            return written;
        }
        int taps = 2 * half;
        while (nextIndex + half < available && nextIndex < endIndex) {
            float[] h = phases[nextPhase];
            int base = (int) (nextIndex - historyStart) - half + 1;
            double acc = 0;
            for (int j = 0; j < taps; j++) {
                acc += h[j] * history[base + j];
            }
            out[outOffset + written++] = toShort(acc);
            nextPhase += down;
            nextIndex += nextPhase / up;
            nextPhase %= up;
        }
        return written;
    }

    /** Drops history that no future output needs. */
    private void compact() {
        long keepFrom = Math.min(nextIndex - half + 1, historyStart + historyLength);
        int drop = (int) Math.max(0, keepFrom - historyStart);
        if (drop > 0) {
            System.arraycopy(history, drop, history, 0, historyLength - drop);
            historyLength -= drop;
            historyStart += drop;
        }
    }

    private static short toShort(double v) {
        long r = Math.round(v);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, r));
    }

    /**
     * Half the filter length in input samples, from Kaiser's length estimate for the transition band
     * 0.45..0.50 of the lower rate.
     */
    private static int halfWidth(int fromRate, int lowerRate) {
        double transition = (STOPBAND_EDGE - PASSBAND_EDGE) * lowerRate / fromRate; // cycles per input sample
        double length = (STOPBAND_DB - 7.95) / (2.285 * 2 * Math.PI * transition);
        return (int) Math.ceil(length / 2) + 1;
    }

    /**
     * {@code up} branches of {@code 2 * half} taps each: branch {@code p} interpolates at {@code p / up} input
     * samples past an input sample. Each branch is normalised to unit DC gain.
     *
     * @param lowerFraction the lower rate over the input rate
     */
    private static float[][] designPhases(int up, int half, double lowerFraction) {
        double cutoff = (PASSBAND_EDGE + STOPBAND_EDGE) / 2 * lowerFraction; // cycles per input sample
        double beta = 0.1102 * (STOPBAND_DB - 8.7);
        double i0Beta = besselI0(beta);
        float[][] table = new float[up][2 * half];
        for (int p = 0; p < up; p++) {
            double[] h = new double[2 * half];
            double sum = 0;
            for (int j = 0; j < 2 * half; j++) {
                int i = j - half + 1;
                double t = (double) p / up - i; // distance from the output time to input sample i
                double u = t / half;
                double window = Math.abs(u) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - u * u)) / i0Beta;
                h[j] = 2 * cutoff * sinc(2 * cutoff * t) * window;
                sum += h[j];
            }
            // The branch reads history[base + j] with base at input sample nextIndex - half + 1, so tap j
            // multiplies input sample i = j - half + 1 relative to nextIndex.
            for (int j = 0; j < 2 * half; j++) {
                table[p][j] = (float) (h[j] / sum);
            }
        }
        return table;
    }

    private static double sinc(double x) {
        if (x == 0) {
            return 1;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }

    /** Modified Bessel function of the first kind, order 0 (power series). */
    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; k < 200; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }

    private static void checkRate(int rate) {
        if (rate < 1000 || rate > 384_000) {
            throw new IllegalArgumentException("sample rate " + rate + " Hz is outside 1000..384000 Hz");
        }
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
