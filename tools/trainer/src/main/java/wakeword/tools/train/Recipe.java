package wakeword.tools.train;

import java.util.EnumMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.function.UnaryOperator;
import wakeword.features.FeatureParams;
import wakeword.tools.data.FeatureSpec;
import wakeword.tools.data.WindowMaker.Kind;
import wakeword.tools.nn.Architecture;

/** Everything that defines one model: its file name, features, network and training settings. */
public record Recipe(String name, FeatureSpec features, Architecture architecture, TrainConfig training) {

    /**
     * 16 kHz, 30 ms frames every 20 ms (one inference per hop), 40 mel bands over 0-4000 Hz, 10 MFCCs, 49 frames
     * (~1 s). The band is the log-mel images' (see {@link wakeword.tools.data.LogMelImages}), so the 1,421 speakers
     * that exist only as images train the model too.
     */
    public static final FeatureParams SHIPPED_FEATURES = new FeatureParams(16000, 480, 320, 512, 40, 10, 0, 4000);
    /** The first release's full-band features (20-7600 Hz), kept to compare the two on validation. */
    public static final FeatureParams FULL_BAND_FEATURES = new FeatureParams(16000, 480, 320, 512, 40, 10, 20, 7600);
    public static final int SHIPPED_FRAMES = 49;

    /** The seed baseline's features: 8 kHz, 256 ms frames every 50 ms, 26 mel bands, 16 MFCCs, 16 frames. */
    public static final FeatureParams BASELINE_FEATURES = new FeatureParams(8000, 2048, 400, 2048, 26, 16, 20, 4000);
    public static final int BASELINE_FRAMES = 16;

    /** Parts of the shipped recipe that {@code --without} can leave out. */
    public static final String IMAGES = "images";
    public static final String MINING = "mining";
    public static final String TALK = "talk";
    public static final String SYNTHETIC = "synthetic";

    /**
     * The shipped recipe less the parts named in {@code without}: {@link #IMAGES} (then the first release's full-band
     * features, which the images cannot feed), {@link #MINING} (no hard negatives), {@link #TALK} (no coffee orders
     * or other wake phrases), {@link #SYNTHETIC} (no synthetic voices); {@code epochs} above 0 replaces the recipe's.
     */
    public static Recipe shipped(boolean quick, long seed, Set<String> without, int epochsOverride) {
        boolean synthetic = !without.contains(SYNTHETIC);
        boolean images = !without.contains(IMAGES);
        FeatureSpec spec = new FeatureSpec(images ? SHIPPED_FEATURES : FULL_BAND_FEATURES, SHIPPED_FRAMES, UnaryOperator.identity());
        Architecture arch = Architecture.streamingDsCnn(SHIPPED_FRAMES, SHIPPED_FEATURES.coefficients(), 64, 1, 5, 3, 0.2);
        double scale = quick ? 1 / 20.0 : 1;
        Map<Kind, Integer> perEpoch = new EnumMap<>(Kind.class);
        perEpoch.put(Kind.KEYWORD, (int) (3000 * scale));
        perEpoch.put(Kind.PARTIAL_KEYWORD, (int) (1000 * scale));
        perEpoch.put(Kind.OTHER_WORD, (int) (3000 * scale));
        perEpoch.put(Kind.SPEECH, (int) (2500 * scale));
        perEpoch.put(Kind.NOISE, (int) (1000 * scale));
        perEpoch.put(Kind.CONVERSATION, (int) (2500 * scale));
        perEpoch.put(Kind.WAKE_PHRASE, (int) (1500 * scale));
        perEpoch.put(Kind.HARD_NEGATIVE, (int) (3000 * scale));
        perEpoch.put(Kind.IMAGE_KEYWORD, (int) (6000 * scale));
        perEpoch.put(Kind.IMAGE_PARTIAL_KEYWORD, (int) (1500 * scale));
        perEpoch.put(Kind.IMAGE_OTHER_WORD, (int) (5000 * scale));
        if (synthetic) {
            perEpoch.put(Kind.SYNTHETIC_KEYWORD, (int) (2000 * scale));
            perEpoch.put(Kind.CONFUSABLE, (int) (6000 * scale));
        }
        // Every kind of keyword-free talk weighs double: a false alarm costs the user more than one missed window,
        // and a stream shows the model far more talk than keywords.
        Map<Kind, Double> weights = new EnumMap<>(Kind.class);
        for (Kind k : List.of(Kind.OTHER_WORD, Kind.SPEECH, Kind.CONFUSABLE, Kind.CONVERSATION, Kind.WAKE_PHRASE,
                Kind.HARD_NEGATIVE)) {
            weights.put(k, 2.0);
        }
        if (!images) {
            perEpoch.remove(Kind.IMAGE_KEYWORD);
            perEpoch.remove(Kind.IMAGE_PARTIAL_KEYWORD);
            perEpoch.remove(Kind.IMAGE_OTHER_WORD);
        }
        if (without.contains(TALK)) {
            perEpoch.remove(Kind.CONVERSATION);
            perEpoch.remove(Kind.WAKE_PHRASE);
        }
        int epochs = epochsOverride > 0 ? epochsOverride : quick ? 2 : 40;
        // Three rounds, a quarter, half and three quarters of the way through.
        List<Integer> mining = without.contains(MINING) ? List.of()
                : quick ? List.of(1) : List.of(epochs / 4, epochs / 2, 3 * epochs / 4);
        if (mining.isEmpty()) perEpoch.remove(Kind.HARD_NEGATIVE);
        float lr = 2e-3f;
        return new Recipe("stop", spec, arch, new TrainConfig(epochs, 64, lr, lr / 20, 1e-4f, seed, perEpoch, weights,
                0.02f, mining, quick ? 50 : 3000, 0.1, 0));
    }

    public static Recipe baseline(boolean quick, long seed, boolean synthetic, UnaryOperator<short[]> to8k) {
        FeatureSpec spec = new FeatureSpec(BASELINE_FEATURES, BASELINE_FRAMES, to8k);
        Architecture arch = Architecture.baseline(BASELINE_FRAMES, BASELINE_FEATURES.coefficients());
        return new Recipe("baseline", spec, arch, config(quick, seed, quick ? 2 : 10, 1e-3f, synthetic, 0.6));
    }

    /**
     * {@code share} scales the windows per epoch: the baseline's 8 kHz windows (resampling, 2048-point FFTs) cost
     * about three times the shipped model's to make, and it is only the reference, so it sees fewer.
     */
    private static TrainConfig config(boolean quick, long seed, int epochs, float lr, boolean synthetic, double share) {
        double scale = quick ? 1 / 20.0 : share;
        Map<Kind, Integer> perEpoch = new EnumMap<>(Kind.class);
        perEpoch.put(Kind.KEYWORD, (int) (6000 * scale));
        perEpoch.put(Kind.PARTIAL_KEYWORD, (int) (2000 * scale));
        perEpoch.put(Kind.OTHER_WORD, (int) (6000 * scale));
        perEpoch.put(Kind.SPEECH, (int) (4000 * scale));
        perEpoch.put(Kind.NOISE, (int) (2000 * scale));
        if (synthetic) {
            perEpoch.put(Kind.SYNTHETIC_KEYWORD, (int) (2000 * scale));
            perEpoch.put(Kind.CONFUSABLE, (int) (2000 * scale));
        }
        // Words and continuous speech weigh double: a false alarm costs the user more than one missed window, and the
        // stream shows the model far more non-keyword windows than keyword ones.
        Map<Kind, Double> weights = Map.of(Kind.OTHER_WORD, 2.0, Kind.SPEECH, 2.0, Kind.CONFUSABLE, 2.0);
        return new TrainConfig(epochs, 64, lr, lr / 20, 1e-4f, seed, perEpoch, weights, 0f, List.of(), 0, 1, 0);
    }
}
