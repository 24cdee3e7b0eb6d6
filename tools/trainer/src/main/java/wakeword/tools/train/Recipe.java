package wakeword.tools.train;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import wakeword.features.FeatureParams;
import wakeword.tools.data.FeatureSpec;
import wakeword.tools.data.WindowMaker.Kind;
import wakeword.tools.nn.Architecture;

/** Everything that defines one model: its file name, features, network and training settings. */
public record Recipe(String name, FeatureSpec features, Architecture architecture, TrainConfig training) {

    /** 16 kHz, 30 ms frames every 20 ms (one inference per hop), 40 mel bands, 10 MFCCs, 49 frames (~1 s). */
    public static final FeatureParams SHIPPED_FEATURES = new FeatureParams(16000, 480, 320, 512, 40, 10, 20, 7600);
    public static final int SHIPPED_FRAMES = 49;

    /** The seed baseline's features: 8 kHz, 256 ms frames every 50 ms, 26 mel bands, 16 MFCCs, 16 frames. */
    public static final FeatureParams BASELINE_FEATURES = new FeatureParams(8000, 2048, 400, 2048, 26, 16, 20, 4000);
    public static final int BASELINE_FRAMES = 16;

    public static Recipe shipped(boolean quick, long seed, boolean synthetic) {
        FeatureSpec spec = new FeatureSpec(SHIPPED_FEATURES, SHIPPED_FRAMES, UnaryOperator.identity());
        Architecture arch = Architecture.dsCnn(SHIPPED_FRAMES, SHIPPED_FEATURES.coefficients(), 48, 4, 0.2);
        return new Recipe("stop", spec, arch, config(quick, seed, quick ? 2 : 24, 2e-3f, synthetic, 1));
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
        return new TrainConfig(epochs, 64, lr, lr / 20, 1e-4f, seed, perEpoch, weights);
    }
}
