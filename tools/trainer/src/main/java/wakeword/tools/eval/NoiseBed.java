package wakeword.tools.eval;

import java.util.List;
import java.util.Random;

/**
 * Continuous background noise of any length, stitched from random stretches of the allowed noise regions.
 * Each region is first scaled to RMS 1 over its whole length, so a stretch keeps its natural level relative to
 * the rest of its recording (a quiet moment between two clatters of dishes stays quiet); stretches are joined
 * with 50 ms cross-fades.
 */
final class NoiseBed {

    private static final int CROSSFADE = Track.RATE / 20;

    private NoiseBed() {}

    static float[] build(List<Material.Recording> regions, int length, Random r) {
        float[] out = new float[length];
        int pos = 0;
        while (pos < length) {
            Material.Recording region = regions.get(r.nextInt(regions.size()));
            short[] s = region.samples();
            double unit = 1 / Math.max(1e-9, ActiveSpeech.rms(s, 0, s.length));
            int chunk = Math.min(s.length, Track.samples(2 + 6 * r.nextDouble()));
            int start = r.nextInt(s.length - chunk + 1);
            int at = pos == 0 ? 0 : pos - CROSSFADE;
            for (int i = 0; i < chunk && at + i < length; i++) {
                double in = pos == 0 || i >= CROSSFADE ? 1 : (double) i / CROSSFADE;
                double outRamp = i >= chunk - CROSSFADE ? (double) (chunk - 1 - i) / CROSSFADE : 1;
                out[at + i] += (float) (s[start + i] * unit * in * outRamp);
            }
            pos = at + chunk;
        }
        return out;
    }
}
