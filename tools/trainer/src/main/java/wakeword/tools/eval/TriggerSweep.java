package wakeword.tools.eval;

import java.util.ArrayList;
import java.util.List;
import wakeword.model.ModelManifest;
import wakeword.trigger.TriggerPolicy;
import wakeword.trigger.TriggerSettings;

/**
 * Detections at many thresholds from one replay's raw scores, through the daemon's own trigger policy
 * (smoothing, refractory, warm-up, re-arm), so the sweep fires exactly where the daemon would.
 */
public final class TriggerSweep {

    private final TriggerSettings defaults;
    private final double hopSeconds;

    /** @param defaults the trigger settings; {@link #detections} varies only the threshold */
    public TriggerSweep(TriggerSettings defaults, double hopSeconds) {
        this.defaults = defaults;
        this.hopSeconds = hopSeconds;
    }

    public List<Double> detections(ScoreTrace trace, double threshold) {
        TriggerPolicy policy = new TriggerPolicy(defaults.withThreshold(threshold), hopSeconds);
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < trace.length(); i++) {
            if (policy.onScore(trace.scores()[i])) out.add(trace.times()[i]);
        }
        return out;
    }

    /**
     * 0.01 to 0.99 in steps of 0.01, then finer up to 0.999, plus the top of the model's own score scale: an int8
     * output takes only its 256 levels, and the average of {@code smoothing} of them only values between two
     * neighbours, so above 0.9 (where the quiet settings lie) a fixed grid would skip or duplicate real operating
     * points. There each pair of neighbouring levels gets {@code smoothing} thresholds evenly between them.
     */
    public static List<Double> thresholds(ModelManifest.Output output, int smoothing) {
        List<Double> t = new ArrayList<>();
        for (int i = 1; i <= 99; i++) t.add(i / 100.0);
        for (int i = 991; i <= 999; i++) t.add(i / 1000.0);
        for (int q = 127; q > -128; q--) {
            double hi = output.score(q);
            double lo = output.score(q - 1);
            if (lo < FINE_FROM) break;
            for (int j = 0; j < smoothing; j++) {
                double v = lo + (j + 0.5) * (hi - lo) / smoothing;
                if (v > 0 && v < 1) t.add(v);
            }
        }
        return t;
    }

    private static final double FINE_FROM = 0.9;
}
