package wakeword.trigger;

/**
 * When a stream of scores becomes a detection.
 *
 * @param threshold    the smoothed score must reach this (0..1)
 * @param smoothing    how many of the latest scores are averaged (1 = no smoothing)
 * @param refractoryMs after a detection, no other for this long
 * @param warmupMs     no detection in the first this-long of audio, while the window fills and levels settle
 */
public record TriggerSettings(double threshold, int smoothing, int refractoryMs, int warmupMs) {
    public TriggerSettings {
        if (!(threshold >= 0 && threshold <= 1)) throw new IllegalArgumentException("threshold must be 0..1, got " + threshold);
        if (smoothing < 1) throw new IllegalArgumentException("smoothing must be at least 1, got " + smoothing);
        if (refractoryMs < 0 || warmupMs < 0) throw new IllegalArgumentException("times must not be negative");
    }

    public TriggerSettings withThreshold(double newThreshold) {
        return new TriggerSettings(newThreshold, smoothing, refractoryMs, warmupMs);
    }
}
