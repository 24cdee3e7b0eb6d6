package wakeword.model;

/**
 * How the TFLite interpreter runs. One thread is right for one small model: the per-hop work is far below
 * what a second thread's hand-off costs. XNNPACK is TFLite's optimized CPU delegate.
 */
public record InferenceOptions(int threads, boolean xnnpack) {
    public InferenceOptions {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
}
