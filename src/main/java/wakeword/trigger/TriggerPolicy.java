package wakeword.trigger;

/**
 * Turns per-hop scores into detections: a moving average over the latest scores must reach the threshold,
 * after the warm-up, outside the refractory period of the previous detection, and after the average has
 * fallen below the threshold since the last detection (so one long word never fires twice).
 * Counts time in hops of audio, so a replay faster than real time behaves exactly like live capture.
 *
 * <p>A detection fires at its first hop (the pin switches then) and stays open as an <em>event</em> until the
 * next detection becomes possible: the average has fallen below the threshold and the refractory period is
 * over. The event's peak is its score. Every hop of the event is at most that peak, so with a threshold above
 * it none of them can fire: "raise the threshold above the logged score" removes exactly that detection.
 */
public final class TriggerPolicy {

    private final TriggerSettings settings;
    private final double hopSeconds;
    private final long warmupHops;
    private final long refractoryHops;
    private final float[] recent;
    private int count;
    private int next;
    private long hop;
    private long lastDetectionHop;
    private boolean armed;
    private boolean open;
    private boolean closed;
    private float peak;
    private float closedPeak;
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
        count = 0;
        next = 0;
        hop = 0;
        lastDetectionHop = Long.MIN_VALUE / 2;
        armed = true;
        open = false;
        closed = false;
        peak = 0;
        closedPeak = 0;
        smoothed = 0;
    }

    /**
     * Takes the next score.
     *
     * @return true when this score fires a detection. Check {@link #eventClosed()} first: the previous
     *         detection's event may end at the same hop.
     */
    public boolean onScore(float score) {
        recent[next] = score;
        next = next + 1 == recent.length ? 0 : next + 1;
        if (count < recent.length) count++;
        // Summed afresh, oldest first: a running sum drifts with everything the stream held before, so a daemon that
        // has listened for days and a replay of the same minute would differ in the last bit, and print a score on
        // either side of a rounding step (the 24-hour soak caught that).
        double sum = 0;
        for (int i = 0, at = next - count + recent.length; i < count; i++, at++) sum += recent[at % recent.length];
        smoothed = (float) (sum / count);
        long now = hop++;
        boolean below = smoothed < settings.threshold();
        if (below) armed = true;
        closed = false;
        if (open) {
            if (armed && now - lastDetectionHop >= refractoryHops) {
                open = false;
                closed = true;
                closedPeak = peak;
            } else {
                peak = Math.max(peak, smoothed);
            }
        }
        if (below || !armed || now < warmupHops || now - lastDetectionHop < refractoryHops) {
            return false;
        }
        armed = false;
        lastDetectionHop = now;
        open = true;
        peak = smoothed;
        return true;
    }

    /** Whether the last {@link #onScore} ended the previous detection's event; {@link #closedPeak()} is its score. */
    public boolean eventClosed() {
        return closed;
    }

    /**
     * Ends an open event at the end of the input.
     *
     * @return true when one was open; {@link #closedPeak()} is then its score
     */
    public boolean finish() {
        if (!open) return false;
        open = false;
        closedPeak = peak;
        return true;
    }

    /** The highest smoothed score of the event that ended last ({@link #eventClosed()}, {@link #finish()}). */
    public float closedPeak() {
        return closedPeak;
    }

    public float smoothedScore() {
        return smoothed;
    }

    public double hopSeconds() {
        return hopSeconds;
    }
}
