package wakeword.tune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import wakeword.trigger.TriggerPolicy;
import wakeword.trigger.TriggerSettings;

/**
 * Chooses a threshold and a smoothing from the owner's own recordings: takes of "stop" (each should fire) and
 * the room's background (nothing should). For each smoothing it places the threshold halfway between the
 * background's highest smoothed score and the lowest take peak above it, which keeps the room silent at the
 * cost of the takes below it. The smoothing that catches the most takes with the fewest false alarms and the
 * widest gap wins; on a tie the shorter one, for latency.
 */
public final class Tuning {

    /** Smoothings tried, besides the one in force. */
    private static final int[] SMOOTHINGS = {1, 2, 3, 4, 5, 6, 8, 10};
    /** Thresholds are proposed in steps of 0.001, as the config is usually written. */
    private static final double STEP = 1000;

    /**
     * A false alarm in the background.
     *
     * @param recording the background recording's name
     * @param time      seconds into it
     * @param score     its event's peak (see {@link TriggerPolicy})
     */
    public record FalseAlarm(String recording, double time, float score) {
    }

    /**
     * What the recordings show with one trigger setting.
     *
     * @param settings        threshold, smoothing, refractory and warm-up tried
     * @param takePeaks       each take's highest smoothed score, in order
     * @param caught          how many takes reach the threshold
     * @param backgroundPeak  the background's highest smoothed score after the warm-up
     * @param falseAlarms     every detection in the background
     */
    public record Outcome(TriggerSettings settings, List<Float> takePeaks, int caught, float backgroundPeak,
                          List<FalseAlarm> falseAlarms) {
        public Outcome {
            takePeaks = List.copyOf(takePeaks);
            falseAlarms = List.copyOf(falseAlarms);
        }

        /** Lowest caught take's peak minus the background's peak: the room for error on either side. */
        public double gap() {
            double lowestCaught = takePeaks.stream().filter(p -> p >= settings.threshold())
                    .mapToDouble(Float::doubleValue).min().orElse(settings.threshold());
            return lowestCaught - backgroundPeak;
        }
    }

    /**
     * @param current  the settings in force now
     * @param proposed the recommendation
     */
    public record Result(Outcome current, Outcome proposed, double backgroundSeconds) {
    }

    private final List<ScoreTrace> takes;
    private final List<ScoreTrace> backgrounds;
    private final double highestScore;

    /**
     * @param takes         one recording per spoken "stop"
     * @param backgrounds   the room without "stop"
     * @param highestScore  the model's highest reachable score (rounded down): no threshold above it
     */
    public Tuning(List<ScoreTrace> takes, List<ScoreTrace> backgrounds, double highestScore) {
        if (takes.isEmpty() || backgrounds.isEmpty()) throw new IllegalArgumentException("need takes and background");
        this.takes = List.copyOf(takes);
        this.backgrounds = List.copyOf(backgrounds);
        this.highestScore = highestScore;
    }

    public Result tune(TriggerSettings current) {
        List<Integer> smoothings = new ArrayList<>(IntStream.of(SMOOTHINGS).boxed().toList());
        if (!smoothings.contains(current.smoothing())) smoothings.add(current.smoothing());
        Outcome best = smoothings.stream()
                .map(s -> evaluate(propose(new TriggerSettings(current.threshold(), s, current.refractoryMs(),
                        current.warmupMs()))))
                .min(Comparator.comparingInt((Outcome o) -> -o.caught())
                        .thenComparingInt(o -> o.falseAlarms().size())
                        .thenComparingDouble(o -> -o.gap())
                        .thenComparingInt(o -> o.settings().smoothing()))
                .orElseThrow();
        double seconds = backgrounds.stream().mapToDouble(ScoreTrace::seconds).sum();
        return new Result(evaluate(current), best, seconds);
    }

    /**
     * The settings with the threshold this smoothing calls for: a step above the background's highest score
     * (rounded up), then halfway to the lowest take that clears it, so both sides keep a margin. Takes that not
     * even clear the background (a mumbled word, a wrong microphone) do not drag it down.
     */
    private TriggerSettings propose(TriggerSettings settings) {
        double above = Math.ceil(backgroundPeak(settings) * STEP) / STEP + 1 / STEP;
        double lowestClearing = takes.stream().mapToDouble(t -> peak(t, settings.smoothing()))
                .filter(p -> p >= above).min().orElse(above);
        double below = Math.floor(lowestClearing * STEP) / STEP;
        double threshold = Math.round((above + Math.max(above, below)) / 2 * STEP) / STEP;
        return settings.withThreshold(Math.min(threshold, highestScore));
    }

    Outcome evaluate(TriggerSettings settings) {
        List<Float> peaks = takes.stream().map(t -> peak(t, settings.smoothing())).toList();
        int caught = (int) peaks.stream().filter(p -> p >= settings.threshold()).count();
        List<FalseAlarm> alarms = new ArrayList<>();
        for (ScoreTrace b : backgrounds) {
            alarms.addAll(detections(b, settings));
        }
        return new Outcome(settings, peaks, caught, backgroundPeak(settings), alarms);
    }

    /** The highest smoothed score anywhere in a take: the word may come at any moment of it. */
    private static float peak(ScoreTrace take, int smoothing) {
        TriggerPolicy policy = new TriggerPolicy(new TriggerSettings(1, smoothing, 0, 0), take.hopSeconds());
        float peak = 0;
        for (int i = 0; i < take.length(); i++) {
            policy.onScore(take.score(i));
            peak = Math.max(peak, policy.smoothedScore());
        }
        return peak;
    }

    private float backgroundPeak(TriggerSettings settings) {
        float peak = 0;
        for (ScoreTrace b : backgrounds) {
            TriggerPolicy policy = new TriggerPolicy(settings.withThreshold(1), b.hopSeconds());
            long warmupHops = Math.round(settings.warmupMs() / 1000.0 / b.hopSeconds());
            for (int i = 0; i < b.length(); i++) {
                policy.onScore(b.score(i));
                if (i >= warmupHops) peak = Math.max(peak, policy.smoothedScore());
            }
        }
        return peak;
    }

    /** The detections the daemon would make in a recording, each with its event's peak. */
    private static List<FalseAlarm> detections(ScoreTrace trace, TriggerSettings settings) {
        TriggerPolicy policy = new TriggerPolicy(settings, trace.hopSeconds());
        List<FalseAlarm> out = new ArrayList<>();
        double fired = 0;
        for (int i = 0; i < trace.length(); i++) {
            boolean fires = policy.onScore(trace.score(i));
            if (policy.eventClosed()) out.add(new FalseAlarm(trace.name(), fired, policy.closedPeak()));
            if (fires) fired = trace.timeOf(i);
        }
        if (policy.finish()) out.add(new FalseAlarm(trace.name(), fired, policy.closedPeak()));
        return out;
    }
}
