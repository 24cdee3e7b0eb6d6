package wakeword.tools.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import wakeword.tools.data.SpeakerSplit;

/** Small made-up recordings with known content: tone bursts for words, white noise for the noise regions. */
final class SyntheticMaterial {

    static final int RATE = 16_000;

    private SyntheticMaterial() {}

    static Material create() {
        Random r = new Random(7);
        List<Material.Recording> keywords = new ArrayList<>();
        for (int i = 0; i < 6; i++) keywords.add(word("stop/k" + i, "stop", StreamLabels.GROUP_KEYWORD, 0.30, 0.70, 400 + 50 * i, 3000 + 1000 * i, r));
        List<Material.Recording> others = new ArrayList<>();
        for (int i = 0; i < 6; i++) others.add(word("go/o" + i, "go", StreamLabels.GROUP_WORDS, 0.40, 0.60, 1500 + 50 * i, 5000, r));
        List<Material.Recording> speech = new ArrayList<>();
        for (int i = 0; i < 2; i++) speech.add(Material.Recording.of("libri/u" + i, StreamLabels.GROUP_LIBRISPEECH, StreamLabels.GROUP_LIBRISPEECH, tone(5 * RATE, 0, 5 * RATE, 900, 4000, r)));
        List<Material.Recording> noise = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            short[] n = new short[10 * RATE];
            for (int k = 0; k < n.length; k++) n[k] = (short) Math.round(r.nextGaussian() * 800);
            noise.add(Material.Recording.of("noise/n" + i, StreamLabels.GROUP_NOISE, StreamLabels.GROUP_NOISE, n));
        }
        return new Material(SpeakerSplit.Part.TEST, keywords, List.of(), others, speech, noise);
    }

    /** One second of faint hiss with a tone from {@code from} to {@code to} seconds. */
    static Material.Recording word(String id, String kind, String group, double from, double to, double hz,
                                   double amplitude, Random r) {
        return Material.Recording.of(id, kind, group, tone(RATE, (int) (from * RATE), (int) (to * RATE), hz, amplitude, r));
    }

    static short[] tone(int length, int from, int to, double hz, double amplitude, Random r) {
        short[] x = new short[length];
        for (int i = 0; i < length; i++) {
            double v = r.nextGaussian() * 3;
            if (i >= from && i < to) v += amplitude * Math.sin(2 * Math.PI * hz * i / RATE);
            x[i] = (short) Math.round(v);
        }
        return x;
    }
}
