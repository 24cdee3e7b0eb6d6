package wakeword.model;

import java.util.Locale;

/**
 * How the TFLite interpreter runs. XNNPACK is TFLite's optimized CPU delegate; without it the interpreter
 * runs its built-in kernels. One thread is right for one small model: a second thread hands each layer off
 * and back, which costs more CPU than it saves (BENCHMARKS.md, "Kernels and threads per CPU").
 */
public record InferenceOptions(int threads, boolean xnnpack) {
    public InferenceOptions {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }

    /**
     * Whether XNNPACK costs less CPU per hop than the built-in kernels on this {@code os.arch} for this form of
     * the model, as measured (BENCHMARKS.md, "Streaming" and "Kernels and threads per CPU"): on x86_64 it is about
     * twice as cheap for both forms; on arm64 (Cortex-A72, the Pi 4) it executes fewer instructions per hop for
     * the streaming form (121,706 against 143,587) but more for the window form (3.08 M against 1.95 M).
     * Architectures never measured get the built-in kernels, which run every int8 operator.
     *
     * @param streaming the model runs in its streaming form (the manifest has a {@code streaming} block)
     */
    public static boolean xnnpackPaysOff(String osArch, boolean streaming) {
        return switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> true;
            case "aarch64", "arm64" -> streaming;
            default -> false;
        };
    }
}
