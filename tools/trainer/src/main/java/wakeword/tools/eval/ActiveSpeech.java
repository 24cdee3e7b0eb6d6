package wakeword.tools.eval;

/**
 * Where speech is active in a recording and how loud it is there, from 10 ms frame energies.
 * A frame is loud enough when its energy is within 30 dB of the loudest frame and at least 10 dB above the
 * recording's floor (its 10th-percentile frame). The region grows from the loudest frame outwards over loud-enough
 * frames, bridging quiet stretches of up to 150 ms (the closure before a final "p"), so a click or a cough in the
 * padding of a one-second clip does not stretch it. The level is the RMS over the loud-enough frames inside the
 * region, so pauses and padding do not dilute it (a simple stand-in for the ITU-T P.56 active speech level).
 *
 * @param start first sample of the first active frame
 * @param end   sample after the last active frame
 * @param rms   RMS of the active frames, in 16-bit sample units
 */
public record ActiveSpeech(int start, int end, double rms) {

    static final int FRAME = 160;
    private static final double RANGE_DB = 30;
    private static final double ABOVE_FLOOR_DB = 10;
    private static final int MAX_BRIDGE_FRAMES = 15;

    public static ActiveSpeech of(short[] x) {
        int n = x.length / FRAME;
        if (n < 3) {
            return new ActiveSpeech(0, x.length, rms(x, 0, x.length));
        }
        double[] energy = new double[n];
        for (int f = 0; f < n; f++) {
            double sum = 0;
            for (int i = f * FRAME; i < (f + 1) * FRAME; i++) sum += (double) x[i] * x[i];
            energy[f] = sum / FRAME;
        }
        double[] sorted = energy.clone();
        java.util.Arrays.sort(sorted);
        double peak = sorted[n - 1];
        double floor = sorted[n / 10];
        double threshold = Math.max(peak * Math.pow(10, -RANGE_DB / 10), floor * Math.pow(10, ABOVE_FLOOR_DB / 10));
        if (threshold > peak || peak <= 0) threshold = peak;
        if (peak <= 0) {
            return new ActiveSpeech(0, x.length, 0);
        }
        int loudest = 0;
        while (energy[loudest] < peak) loudest++;
        int first = extend(energy, threshold, loudest, -1);
        int last = extend(energy, threshold, loudest, +1);
        double sum = 0;
        int active = 0;
        for (int f = first; f <= last; f++) {
            if (energy[f] >= threshold) {
                sum += energy[f];
                active++;
            }
        }
        return new ActiveSpeech(first * FRAME, (last + 1) * FRAME, Math.sqrt(sum / active));
    }

    /** The farthest loud-enough frame reachable from {@code from} in direction {@code step} across short gaps. */
    private static int extend(double[] energy, double threshold, int from, int step) {
        int edge = from;
        int quiet = 0;
        for (int f = from + step; f >= 0 && f < energy.length; f += step) {
            if (energy[f] >= threshold) {
                edge = f;
                quiet = 0;
            } else if (++quiet > MAX_BRIDGE_FRAMES) {
                break;
            }
        }
        return edge;
    }

    public int length() {
        return end - start;
    }

    static double rms(short[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) sum += (double) x[i] * x[i];
        return to > from ? Math.sqrt(sum / (to - from)) : 0;
    }
}
