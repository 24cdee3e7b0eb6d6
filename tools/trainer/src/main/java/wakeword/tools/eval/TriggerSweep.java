package wakeword.tools.eval;

import java.util.ArrayList;
import java.util.List;
import wakeword.trigger.TriggerPolicy;
import wakeword.trigger.TriggerSettings;

/**
 * Detections at many thresholds from one replay's raw scores, through the daemon's own trigger policy
 * (smoothing, refractory, warm-up, re-arm), so the sweep fires exactly where the daemon would.
 */
public final class TriggerSweep {

    private final TriggerSettings defaults;
    private final double hopSeconds;

    /** @param defaults the model's trigger defaults; only the threshold is varied */
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

    /** 0.01 to 0.99 in steps of 0.01, then finer up to 0.999, where well-trained models usually operate. */
    public static List<Double> standardThresholds() {
        List<Double> t = new ArrayList<>();
        for (int i = 1; i <= 99; i++) t.add(i / 100.0);
        for (int i = 991; i <= 999; i++) t.add(i / 1000.0);
        return t;
    }
}
