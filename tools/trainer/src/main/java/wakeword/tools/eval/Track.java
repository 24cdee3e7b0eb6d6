package wakeword.tools.eval;

import java.util.Arrays;

/** A growing mono float buffer at 16 kHz that recordings are added into (summed, with short fades at the cut edges). */
final class Track {

    static final int RATE = 16_000;
    private static final int FADE = RATE / 100;

    private float[] x = new float[RATE * 60];
    private int length;

    static int samples(double seconds) {
        return (int) Math.round(seconds * RATE);
    }

    int length() {
        return length;
    }

    void extendTo(int newLength) {
        ensure(newLength);
        length = Math.max(length, newLength);
    }

    /** Adds {@code src[from, to)} times {@code gain} at {@code at}, fading 10 ms in and out so cuts do not click. */
    void add(short[] src, int from, int to, double gain, int at) {
        int n = to - from;
        ensure(at + n);
        int fade = Math.min(FADE, n / 2);
        for (int i = 0; i < n; i++) {
            double ramp = i < fade ? (double) i / fade : i >= n - fade ? (double) (n - 1 - i) / fade : 1;
            x[at + i] += (float) (src[from + i] * gain * ramp);
        }
        length = Math.max(length, at + n);
    }

    /** Adds {@code src} times {@code gain} at {@code at}, with the same fades; never extends the track. */
    void addBed(float[] src, double gain, int at) {
        int n = Math.min(src.length, length - at);
        int fade = Math.min(FADE, n / 2);
        for (int i = 0; i < n; i++) {
            double ramp = i < fade ? (double) i / fade : i >= n - fade ? (double) (n - 1 - i) / fade : 1;
            x[at + i] += (float) (src[i] * gain * ramp);
        }
    }

    float[] toArray() {
        return Arrays.copyOf(x, length);
    }

    private void ensure(int n) {
        if (n > x.length) x = Arrays.copyOf(x, Math.max(n, x.length * 2));
    }
}
