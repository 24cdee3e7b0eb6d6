package wakeword.trigger;

/**
 * Turns per-hop scores into detections: a moving average over the latest scores must reach the threshold,
 * after the warm-up, outside the refractory period of the previous detection, and after the average has
 * fallen below the threshold since the last detection (so one long word never fires twice).
 * Counts time in hops of audio, so a replay faster than real time behaves exactly like live capture.
 */
public final class TriggerPolicy {

    private final TriggerSettings settings;
    private final double hopSeconds;
    private final long warmupHops;
    private final long refractoryHops;
    private final float[] recent;
    private double sum;
    private int count;
    private int next;
    private long hop;
    private long lastDetectionHop;
    private boolean armed;
    private float smoothed;

    /** @param hopSeconds audio time between consecutive scores */
    public TriggerPolicy(TriggerSettings settings, double hopSeconds) {
        this.settings = settings;
        this.hopSeconds = hopSeconds;
        this.warmupHops = Math.round(settings.warmupMs() / 1000.0 / hopSeconds);
        this.refractoryHops = Math.round(settings.refractoryMs() / 1000.0 / hopSeconds);
        this.recent = new float[settings.smoothing()];
        reset();
    }

    public TriggerSettings settings() {
        return settings;
    }

    public void reset() {
        java.util.Arrays.fill(recent, 0f);
        sum = 0;
        count = 0;
        next = 0;
        hop = 0;
        lastDetectionHop = Long.MIN_VALUE / 2;
        armed = true;
        smoothed = 0;
    }

    /**
     * Takes the next score.
     *
     * @return true when this score completes a detection ({@link #smoothedScore()} is its score)
     */
    public boolean onScore(float score) {
        sum += score - recent[next];
        recent[next] = score;
        next = next + 1 == recent.length ? 0 : next + 1;
        if (count < recent.length) count++;
        smoothed = (float) (sum / count);
        long now = hop++;
        if (smoothed < settings.threshold()) {
            armed = true;
            return false;
        }
        if (!armed || now < warmupHops || now - lastDetectionHop < refractoryHops) {
            return false;
        }
        armed = false;
        lastDetectionHop = now;
        return true;
    }

    public float smoothedScore() {
        return smoothed;
    }

    public double hopSeconds() {
        return hopSeconds;
    }
}
