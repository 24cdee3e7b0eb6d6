package wakeword.tools.audio;

/** Small sample-level helpers for augmentation, all on 16-bit PCM held as short[] or float[]. */
public final class Signal {

    private Signal() {}

    public static double rms(short[] x, int from, int to) {
        double sum = 0;
        for (int i = Math.max(0, from); i < Math.min(x.length, to); i++) sum += (double) x[i] * x[i];
        return Math.sqrt(sum / Math.max(1, to - from));
    }

    public static double rms(float[] x) {
        double sum = 0;
        for (float v : x) sum += (double) v * v;
        return Math.sqrt(sum / Math.max(1, x.length));
    }

    public static double peak(short[] x, int from, int to) {
        int m = 1;
        for (int i = Math.max(0, from); i < Math.min(x.length, to); i++) m = Math.max(m, Math.abs(x[i]));
        return m;
    }

    /** Plays {@code x} at {@code speed} times its rate (linear interpolation): shorter and higher when above 1. */
    public static short[] changeSpeed(short[] x, double speed) {
        int n = (int) Math.floor((x.length - 1) / speed) + 1;
        short[] y = new short[n];
        for (int i = 0; i < n; i++) {
            double t = i * speed;
            int j = (int) t;
            double frac = t - j;
            double v = j + 1 < x.length ? x[j] * (1 - frac) + x[j + 1] * frac : x[j];
            y[i] = (short) Math.round(v);
        }
        return y;
    }

    public static short[] toPcm(float[] x) {
        short[] y = new short[x.length];
        for (int i = 0; i < x.length; i++) y[i] = (short) Math.max(-32768, Math.min(32767, Math.round(x[i])));
        return y;
    }
}
