package wakeword.tools.train;

import java.util.Arrays;
import java.util.function.UnaryOperator;
import wakeword.audio.Resampler;

/**
 * The 16 kHz to 8 kHz conversion of the baseline's windows: the daemon's own anti-aliased resampler, so the
 * baseline's features are what the daemon computes. Each window is resampled as a stream of its own (the filter's
 * half-width of silence before and after touches only the outermost samples). One resampler per thread, reset per
 * window, because designing the filter table is far dearer than running it.
 */
final class Resampling {

    private Resampling() {}

    static UnaryOperator<short[]> to8k() {
        ThreadLocal<Resampler> perThread = ThreadLocal.withInitial(() -> new Resampler(16000, 8000, 1));
        return window -> {
            Resampler r = perThread.get();
            r.reset();
            short[] out = new short[r.maxOutput(window.length) + r.maxFlushOutput()];
            int n = r.process(window, 0, window.length, out, 0);
            n += r.flush(out, n);
            return Arrays.copyOf(out, n);
        };
    }
}
