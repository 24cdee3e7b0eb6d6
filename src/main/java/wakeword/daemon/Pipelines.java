package wakeword.daemon;

import wakeword.config.Config;
import wakeword.features.FeaturePath;
import wakeword.model.InferenceOptions;
import wakeword.model.KeywordModel;
import wakeword.model.ModelException;
import wakeword.model.ModelManifest;
import wakeword.trigger.TriggerSettings;

/** Builds the detector a config describes; shared by the daemon and replay so both run the same thing. */
public final class Pipelines {

    private Pipelines() {
    }

    public static Detector openDetector(Config config, Detector.Listener listener) throws ModelException {
        ModelManifest manifest = ModelManifest.read(ModelManifest.pathFor(config.model()));
        TriggerSettings settings = Detector.settingsFor(manifest, config.trigger());
        InferenceOptions options = new InferenceOptions(config.tflite().threads(),
                xnnpack(config.tflite().xnnpack(), manifest.streaming() != null));
        KeywordModel model = KeywordModel.open(config.model(), manifest, options);
        FeaturePath path = config.features() == Config.Features.FIXED ? FeaturePath.FIXED : FeaturePath.FLOAT;
        return new Detector(model, path, settings, listener);
    }

    private static boolean xnnpack(Config.Xnnpack choice, boolean streaming) {
        return switch (choice) {
            case TRUE -> true;
            case FALSE -> false;
            case AUTO -> InferenceOptions.xnnpackPaysOff(System.getProperty("os.arch"), streaming);
        };
    }
}
