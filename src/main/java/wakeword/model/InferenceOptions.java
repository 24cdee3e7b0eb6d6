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
     * Whether XNNPACK costs less CPU per hop than the built-in kernels on this {@code os.arch}, as measured
     * (BENCHMARKS.md): on x86_64 it is several times cheaper; on arm64 (Cortex-A72, the Pi 4) it executes more
     * instructions per hop than the built-in kernels. Architectures never measured get the built-in kernels,
     * which run every int8 operator.
     */
    public static boolean xnnpackPaysOff(String osArch) {
        return switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> true;
            default -> false;
        };
    }
}
