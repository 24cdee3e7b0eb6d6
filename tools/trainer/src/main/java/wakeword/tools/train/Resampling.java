package wakeword.tools.train;

import java.util.function.UnaryOperator;
import wakeword.audio.Resampler;

/**
 * The 16 kHz to 8 kHz conversion of the baseline's windows: the daemon's own anti-aliased resampler, so the
 * baseline's features are what the daemon computes. Each window is resampled on its own; the filter's
 * half-width of zero padding at both ends touches only the outermost frames.
 */
final class Resampling {

    private Resampling() {}

    static UnaryOperator<short[]> to8k() {
        return window -> Resampler.resample(window, 16000, 8000);
    }
}
