package wakeword.tools.train;

import java.util.function.UnaryOperator;

/** The 16 kHz to 8 kHz conversion of the baseline's windows: the daemon's own resampler, so features match. */
final class Resampling {

    private Resampling() {}

    static UnaryOperator<short[]> to8k() {
        throw new IllegalArgumentException("the baseline needs wakeword.audio.Resampler, which is not in the daemon yet; run with --only stop");
    }
}
