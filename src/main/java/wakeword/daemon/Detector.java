package wakeword.daemon;

import java.util.Locale;
import wakeword.config.Config;
import wakeword.config.ConfigException;
import wakeword.features.FeaturePath;
import wakeword.features.FeatureParams;
import wakeword.features.FrameSink;
import wakeword.features.StreamingFrontend;
import wakeword.model.KeywordModel;
import wakeword.model.ModelException;
import wakeword.model.ModelManifest;
import wakeword.trigger.Detection;
import wakeword.trigger.TriggerPolicy;
import wakeword.trigger.TriggerSettings;

/**
 * Audio in, detections out: the frontend, the model and the trigger policy joined, one hop at a time.
 * Owns the model (closes it). Not thread-safe: one audio thread feeds it.
 */
public final class Detector implements AutoCloseable {

    /** Where results go. All calls happen on the audio thread; keep them short. */
    public interface Listener {
        /** Every hop's score; {@code smoothed} is what the threshold is compared with. */
        default void onScore(double timeSeconds, float score, float smoothed) {
        }

        /** The smoothed score just reached the threshold: act now (the pin); the score comes with the detection. */
        default void onTrigger(double timeSeconds) {
        }

        /**
         * A detection's event is over (up to {@code refractory_ms} after {@link #onTrigger}, or at the end of the
         * input): its time is the trigger's, its score the event's peak.
         */
        void onDetection(Detection detection);
    }

    private final KeywordModel model;
    private final StreamingFrontend frontend;
    private final TriggerPolicy trigger;
    private final Listener listener;
    private final FeatureParams params;
    private final FrameSink frameSink = this::onFrame;
    private long frames;
    private double triggerTime;

    public Detector(KeywordModel model, FeaturePath path, TriggerSettings settings, Listener listener) {
        this.model = model;
        this.params = model.manifest().features();
        this.frontend = new StreamingFrontend(params, path);
        this.trigger = new TriggerPolicy(settings, (double) params.hopLength() / params.sampleRate());
        this.listener = listener;
    }

    /**
     * Trigger settings: the manifest's defaults, each replaced where the config sets a value.
     *
     * @throws ConfigException the configured threshold is above the highest score the model can give, so it
     *                         could never fire
     * @throws ModelException  the same for the manifest's own threshold
     */
    public static TriggerSettings settingsFor(ModelManifest manifest, Config.Trigger overrides) throws ModelException {
        ModelManifest.TriggerDefaults d = manifest.trigger();
        // Exact, not rounded: a logit output has distinct scores between 0.999 and its top, 0.99964.
        double highest = manifest.output().score(127);
        String reachable = String.format(Locale.ROOT, "%.4f", manifest.output().highestScore(4));
        if (overrides.threshold().isPresent() && overrides.threshold().getAsDouble() > highest) {
            throw new ConfigException("threshold = " + overrides.threshold().getAsDouble() + " can never fire: the"
                    + " highest score model '" + manifest.name() + "' gives is " + reachable + " (its int8 output's"
                    + " top step); set threshold to " + reachable + " or less (a false alarm at that score needs"
                    + " more smoothing instead: wakeword tune)");
        }
        if (d.threshold() > highest) {
            throw new ModelException("model manifest of '" + manifest.name() + "': trigger threshold " + d.threshold()
                    + " is above " + reachable + ", the highest score the model gives; regenerate it with tools/train");
        }
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
        if (trigger.eventClosed()) {
            listener.onDetection(new Detection(triggerTime, trigger.closedPeak()));
        }
        if (fired) {
            triggerTime = time;
            listener.onTrigger(time);
        }
    }

    /** The input ended (or the detector is about to be replaced): reports a detection whose event is still open. */
    public void finish() {
        if (trigger.finish()) {
            listener.onDetection(new Detection(triggerTime, trigger.closedPeak()));
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
