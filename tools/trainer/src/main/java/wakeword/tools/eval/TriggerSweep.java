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
     * output takes only multiples of its scale, and the average of {@code smoothing} of them only multiples of
     * scale / smoothing, so near the top the 0.001 grid would skip or duplicate real operating points. Those get
     * thresholds halfway between consecutive reachable values.
     */
    public static List<Double> thresholds(float outputScale, int outputZeroPoint, int smoothing) {
        List<Double> t = new ArrayList<>();
        for (int i = 1; i <= 99; i++) t.add(i / 100.0);
        for (int i = 991; i <= 999; i++) t.add(i / 1000.0);
        double top = (127 - outputZeroPoint) * (double) outputScale;
        double step = outputScale / (double) smoothing;
        for (int k = 0; k < TOP_LEVELS; k++) {
            double v = top - (k + 0.5) * step;
            if (v > 0 && v < 1) t.add(v);
        }
        return t;
    }

    private static final int TOP_LEVELS = 30;
}
