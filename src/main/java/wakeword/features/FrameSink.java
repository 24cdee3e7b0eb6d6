package wakeword.features;

/** Receives each new feature frame. The array is reused for the next frame: copy what you keep. */
@FunctionalInterface
public interface FrameSink {
    void onFrame(float[] coefficients);
}
