package wakeword.tools.data;

import java.util.function.UnaryOperator;
import wakeword.features.FeatureParams;
import wakeword.features.FeaturePath;
import wakeword.features.StreamingFrontend;

/**
 * The model input: {@code frames} consecutive frames of the daemon's own frontend (float path) on audio at
 * {@code params.sampleRate()}. Windows are cut from the 16 kHz recordings and brought to the model's rate by
 * {@code resampler} (the identity for 16 kHz models).
 */
public record FeatureSpec(FeatureParams params, int frames, UnaryOperator<short[]> resampler) {

    public static final int SOURCE_RATE = 16_000;

    /** Samples at the model's rate that {@code frames} frames cover. */
    public int modelSamples() {
        return (frames - 1) * params.hopLength() + params.frameLength();
    }

    /** Samples of 16 kHz audio one window takes. */
    public int windowSamples() {
        return (int) Math.ceil((double) modelSamples() * SOURCE_RATE / params.sampleRate());
    }

    public int size() {
        return frames * params.coefficients();
    }

    /** The model input for one 16 kHz window: the last {@code frames} frames, row-major. */
    public float[] features(short[] window16k) {
        short[] audio = resampler.apply(window16k);
        float[][] f = StreamingFrontend.framesOf(params, FeaturePath.FLOAT, audio);
        if (f.length < frames) {
            throw new IllegalStateException("window gives " + f.length + " frames, need " + frames);
        }
        float[] out = new float[size()];
        int c = params.coefficients();
        for (int i = 0; i < frames; i++) System.arraycopy(f[f.length - frames + i], 0, out, i * c, c);
        return out;
    }
}
