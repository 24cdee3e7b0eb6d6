package wakeword.tools.audio;

/**
 * Where the spoken word lies in a one-word clip, found from 10 ms energies: the first and last frame within
 * 30 dB of the loudest one (and clearly above the clip's own floor). Good enough to place the word in a window.
 */
public record WordBounds(int start, int end) {

    private static final int FRAME = 160;

    public int length() {
        return end - start;
    }

    public static WordBounds of(short[] clip) {
        int n = clip.length / FRAME;
        if (n < 3) return new WordBounds(0, clip.length);
        double[] db = new double[n];
        for (int f = 0; f < n; f++) {
            double sum = 0;
            for (int i = f * FRAME; i < (f + 1) * FRAME; i++) sum += (double) clip[i] * clip[i];
            db[f] = 10 * Math.log10(sum / FRAME + 1e-3);
        }
        double[] sorted = db.clone();
        java.util.Arrays.sort(sorted);
        double peak = sorted[n - 1];
        double floor = sorted[n / 5];
        double threshold = Math.max(peak - 30, floor + 8);
        if (threshold >= peak) threshold = peak - 1;
        int first = 0;
        while (first < n - 1 && db[first] < threshold) first++;
        int last = n - 1;
        while (last > first && db[last] < threshold) last--;
        return new WordBounds(first * FRAME, Math.min(clip.length, (last + 1) * FRAME));
    }
}
