package wakeword.daemon;

import wakeword.config.Config;
import wakeword.features.FeaturePath;
import wakeword.features.FeatureParams;
import wakeword.features.FrameSink;
import wakeword.features.StreamingFrontend;
import wakeword.model.KeywordModel;
import wakeword.model.ModelManifest;
import wakeword.trigger.Detection;
import wakeword.trigger.TriggerPolicy;
import wakeword.trigger.TriggerSettings;

/**
 * Audio in, detections out: the frontend, the model and the trigger policy joined, one hop at a time.
 * Owns the model (closes it). Not thread-safe: one audio thread feeds it.
 */
public final class Detector implements AutoCloseable {

    /** Where results go. Both calls happen on the audio thread; keep them short. */
    public interface Listener {
        /** Every hop's score; {@code smoothed} is what the threshold is compared with. */
        default void onScore(double timeSeconds, float score, float smoothed) {
        }

        void onDetection(Detection detection);
    }

    private final KeywordModel model;
    private final StreamingFrontend frontend;
    private final TriggerPolicy trigger;
    private final Listener listener;
    private final FeatureParams params;
    private final FrameSink frameSink = this::onFrame;
    private long frames;

    public Detector(KeywordModel model, FeaturePath path, TriggerSettings settings, Listener listener) {
        this.model = model;
        this.params = model.manifest().features();
        this.frontend = new StreamingFrontend(params, path);
        this.trigger = new TriggerPolicy(settings, (double) params.hopLength() / params.sampleRate());
        this.listener = listener;
    }

    /** Trigger settings: the manifest's defaults, each replaced where the config sets a value. */
    public static TriggerSettings settingsFor(ModelManifest manifest, Config.Trigger overrides) {
        ModelManifest.TriggerDefaults d = manifest.trigger();
        return new TriggerSettings(
                overrides.threshold().orElse(d.threshold()),
                overrides.smoothing().orElse(d.smoothing()),
                overrides.refractoryMs().orElse(d.refractoryMs()),
                overrides.warmupMs().orElse(d.warmupMs()));
    }

    public int sampleRate() {
        return params.sampleRate();
    }

    public TriggerSettings settings() {
        return trigger.settings();
    }

    public ModelManifest manifest() {
        return model.manifest();
    }

    /** "xnnpack" or "builtin": which TFLite kernels score the model. */
    public String kernels() {
        return model.kernels();
    }

    /** Feeds audio at {@link #sampleRate()}; calls the listener for every scored hop and every detection. */
    public void accept(short[] samples, int offset, int length) {
        frontend.accept(samples, offset, length, frameSink);
    }

    private void onFrame(float[] coefficients) {
        long index = frames++;
        if (!model.pushFrame(coefficients)) {
            return;
        }
        float score = model.lastScore();
        boolean fired = trigger.onScore(score);
        double time = (double) (index * params.hopLength() + params.frameLength()) / params.sampleRate();
        listener.onScore(time, score, trigger.smoothedScore());
        if (fired) {
            listener.onDetection(new Detection(time, trigger.smoothedScore()));
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
