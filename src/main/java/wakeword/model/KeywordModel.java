package wakeword.model;

import java.nio.file.Path;

/**
 * The int8 keyword model, fed one feature frame per hop. Two forms of the same network: {@link WindowModel} runs
 * the whole window every hop; {@link StreamingModel} carries each layer's state and computes only the newest time
 * step, once every {@code streaming.stride_hops} hops.
 */
public interface KeywordModel extends AutoCloseable {

    /**
     * The form the manifest offers: streaming when it has a {@code streaming} block (its file beside
     * {@code modelFile}), else the window model in {@code modelFile}.
     */
    static KeywordModel open(Path modelFile, ModelManifest manifest, InferenceOptions options) throws ModelException {
        if (manifest.streaming() == null) return new WindowModel(modelFile, manifest, options);
        return new StreamingModel(modelFile.resolveSibling(manifest.streaming().model()), manifest, options);
    }

    ModelManifest manifest();

    /** What runs the model: "xnnpack" (the delegate) or "builtin" (TFLite's own kernels, also XNNPACK's fallback). */
    String kernels();

    /** Forgets all frames, as at start. */
    void reset();

    /**
     * Adds the newest feature frame.
     *
     * @return true once {@link #lastScore()} holds a score for the audio up to this frame: from then on, every frame
     *         (a streaming model computes a new score every stride hops and holds it on the hops between)
     */
    boolean pushFrame(float[] frame);

    /** The dequantized 0..1 score, as of the last frame for which {@link #pushFrame} returned true. */
    float lastScore();

    @Override
    void close();
}
