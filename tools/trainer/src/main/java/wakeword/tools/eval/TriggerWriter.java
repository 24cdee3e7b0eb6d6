package wakeword.tools.eval;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import wakeword.model.ModelException;
import wakeword.model.ModelManifest;

/**
 * Writes the setting chosen on validation streams into a model's manifest: threshold and smoothing into the
 * "trigger" block the daemon reads (refractory period and warm-up stay), and an "evaluation" block that says how they
 * were chosen and what they gave on validation, so the shipped default is a stream decision that can be checked.
 * Test figures are never written: they are reported only.
 */
public final class TriggerWriter {

    private TriggerWriter() {}

    /**
     * @param chosen the validation figures at the chosen setting
     * @param streams the stream settings the figures come from
     */
    public static ModelManifest write(Path manifestFile, Results.Figures chosen, ChoiceRule rule, StreamSettings streams,
                                      String command, String commit) throws IOException, ModelException {
        ModelManifest m = ModelManifest.read(manifestFile);
        ModelManifest.TriggerDefaults trigger = new ModelManifest.TriggerDefaults(chosen.value(), chosen.smoothing(),
                m.trigger().refractoryMs(), m.trigger().warmupMs());
        StreamOutcome.Summary v = chosen.allStreams();
        JsonObject validation = new JsonObject();
        validation.addProperty("threshold", chosen.value());
        validation.addProperty("smoothing", chosen.smoothing());
        validation.addProperty("frr", v.frr());
        validation.addProperty("missed", v.keywords() - v.hits());
        validation.addProperty("keywords", v.keywords());
        validation.addProperty("false_alarms", v.falseAlarms());
        validation.addProperty("keyword_free_hours", v.keywordFreeHours());
        validation.addProperty("fa_per_hour", v.faPerHour());
        JsonObject evaluation = new JsonObject();
        evaluation.addProperty("rule", rule.describe());
        if (rule.byFalseAlarms()) evaluation.addProperty("max_fa_per_hour", rule.maxFaPerHour());
        else evaluation.addProperty("max_frr", rule.maxFrr());
        evaluation.add("validation", validation);
        evaluation.addProperty("streams", "seed " + streams.seed() + ", " + Report.num(streams.negativeSeconds() / 3600, 2)
                + " h keyword-free stream per part, noise at " + Report.num(streams.snrDb(), 0) + " dB SNR");
        evaluation.addProperty("command", command);
        evaluation.addProperty("commit", commit);
        ModelManifest updated = new ModelManifest(m.name(), m.version(), m.features(), m.input(), m.output(), trigger,
                m.training(), evaluation, m.streaming());
        updated.write(manifestFile);
        // Read back through the daemon's own checks, so a manifest the daemon would refuse is never left behind silently.
        return ModelManifest.read(manifestFile);
    }
}
