package wakeword.features;

/**
 * The integer path: Q15 window and twiddles, a radix-2 FFT on 32-bit integers, and a Q15 integer filterbank.
 * Integer arithmetic is the same on every CPU, and the log and DCT after it use StrictMath on fixed
 * tables, so the features are bit-identical on x86_64 and arm64.
 *
 * <p>Scaling: samples enter at 2^{@code inputShift} times their 16-bit value, chosen so that a full-scale
 * frame cannot overflow 31 bits after log2(fftSize) butterfly stages (each stage can double the peak).
 */
final class FixedPointFrameAnalyzer implements FrameAnalyzer {

    private static final int Q15_ONE = 1 << 15;
    /**
     * Power times a Q15 weight is taken as (power * weight) >> POWER_SHIFT, computed in two halves so nothing
     * overflows: by Parseval a frame's total power stays below 2^60, so the sum stays below 2^59.
     */
    private static final int POWER_SHIFT = 16;
    private static final long LOW_MASK = (1L << POWER_SHIFT) - 1;

    private final MelCepstrum tables;
    private final int n;
    private final int fftSize;
    private final int inputShift;
    private final int[] windowQ15;
    private final int[] cosQ15;
    private final int[] sinQ15;
    private final int[] bitReversed;
    private final int[][] weightsQ15;
    private final int[] re;
    private final int[] im;
    private final double[] mel;
    private final double logOffset;
    private final double floor;

    FixedPointFrameAnalyzer(FeatureParams params, MelCepstrum tables) {
        this.tables = tables;
        this.n = params.frameLength();
        this.fftSize = params.fftSize();
        int stages = Integer.numberOfTrailingZeros(fftSize);
        this.inputShift = 15 - stages;
        if (inputShift < 0) {
            throw new IllegalArgumentException("the fixed-point path supports fft_size up to 32768, got " + fftSize);
        }
        windowQ15 = new int[n];
        for (int i = 0; i < n; i++) {
            windowQ15[i] = (int) StrictMath.round(tables.window[i] * (Q15_ONE - 1));
        }
        cosQ15 = new int[fftSize / 2];
        sinQ15 = new int[fftSize / 2];
        for (int k = 0; k < fftSize / 2; k++) {
            double angle = 2 * StrictMath.PI * k / fftSize;
            cosQ15[k] = (int) StrictMath.round(StrictMath.cos(angle) * (Q15_ONE - 1));
            sinQ15[k] = (int) StrictMath.round(StrictMath.sin(angle) * (Q15_ONE - 1));
        }
        bitReversed = new int[fftSize];
        for (int i = 0; i < fftSize; i++) {
            bitReversed[i] = Integer.reverse(i) >>> (32 - stages);
        }
        weightsQ15 = new int[params.melBands()][];
        for (int m = 0; m < weightsQ15.length; m++) {
            float[] w = tables.filterWeights[m];
            weightsQ15[m] = new int[w.length];
            for (int j = 0; j < w.length; j++) {
                weightsQ15[m][j] = Math.round(w[j] * Q15_ONE);
            }
        }
        re = new int[fftSize];
        im = new int[fftSize];
        mel = new double[params.melBands()];
        // An integer mel energy is the float path's energy times 2^melScaleBits: samples gain 2^(15+inputShift)
        // over the float path's [-1, 1) range, power squares that, the Q15 weights add 15 and POWER_SHIFT takes 16.
        int melScaleBits = 2 * (15 + inputShift) + 15 - POWER_SHIFT;
        this.logOffset = -melScaleBits * StrictMath.log(2.0);
        this.floor = StrictMath.scalb(FeatureParams.LOG_FLOOR, melScaleBits);
    }

    @Override
    public void analyze(short[] frame, int offset, float[] out) {
        java.util.Arrays.fill(re, 0);
        java.util.Arrays.fill(im, 0);
        int down = 15 - inputShift;
        for (int i = 0; i < n; i++) {
            re[bitReversed[i]] = (frame[offset + i] * windowQ15[i]) >> down;
        }
        transform();
        for (int m = 0; m < mel.length; m++) {
            int[] w = weightsQ15[m];
            int first = tables.filterStart[m];
            long sum = 0;
            for (int j = 0; j < w.length; j++) {
                int k = first + j;
                long power = (long) re[k] * re[k] + (long) im[k] * im[k];
                sum += (power >> POWER_SHIFT) * w[j] + (((power & LOW_MASK) * w[j]) >> POWER_SHIFT);
            }
            mel[m] = sum + floor;
        }
        tables.cepstrum(mel, logOffset, out);
    }

    /** In-place iterative radix-2 decimation-in-time FFT on bit-reversed input. */
    private void transform() {
        for (int half = 1; half < fftSize; half <<= 1) {
            int twiddleStep = fftSize / (2 * half);
            for (int start = 0; start < fftSize; start += 2 * half) {
                for (int j = 0; j < half; j++) {
                    int c = cosQ15[j * twiddleStep];
                    int s = sinQ15[j * twiddleStep];
                    int a = start + j, b = a + half;
                    // (re + i im) * (cos - i sin): the forward transform's e^{-i angle}.
                    int tr = (int) (((long) re[b] * c + (long) im[b] * s + (1 << 14)) >> 15);
                    int ti = (int) (((long) im[b] * c - (long) re[b] * s + (1 << 14)) >> 15);
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }
}
