package wakeword.tools.eval;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How the default setting is chosen on validation streams. Either the quietest setting within a miss limit
 * ({@code maxFrr}: the fewest false alarms per hour among settings that miss at most that share), or, when
 * {@code maxFaPerHour} is positive, the setting that misses least within a false-alarm budget: the quietest
 * setting that still detects as much as it can. Only settings that detect at least one keyword qualify.
 */
public record ChoiceRule(double maxFrr, double maxFaPerHour) {

    public ChoiceRule {
        if (!(maxFrr >= 0 && maxFrr <= 1)) throw new IllegalArgumentException("--max-frr must lie between 0 and 1, got " + maxFrr);
        if (maxFaPerHour < 0) throw new IllegalArgumentException("--max-fa must be positive, got " + maxFaPerHour);
    }

    public boolean byFalseAlarms() {
        return maxFaPerHour > 0;
    }

    /** Whether a point meets the rule's limit. */
    public boolean met(OperatingPoint p) {
        return p.pooled().hits() > 0
                && (byFalseAlarms() ? p.pooled().faPerHour() <= maxFaPerHour : p.pooled().frr() <= maxFrr);
    }

    /** The chosen point; empty when no detecting point meets the limit. Ties go to the earlier point. */
    public Optional<OperatingPoint> choose(List<OperatingPoint> points) {
        Comparator<OperatingPoint> byFa = Comparator.comparingDouble(p -> p.pooled().faPerHour());
        Comparator<OperatingPoint> byFrr = Comparator.comparingDouble(p -> p.pooled().frr());
        return points.stream().filter(this::met).min(byFalseAlarms() ? byFrr.thenComparing(byFa) : byFa.thenComparing(byFrr));
    }

    /** The limit in words, e.g. "miss at most 8.0%" or "give at most 5.0 false alarms per hour". */
    public String limit() {
        return byFalseAlarms() ? "give at most " + Report.num(maxFaPerHour, 1) + " false alarms per keyword-free hour"
                : "miss at most " + Report.pct(maxFrr) + " of the keywords";
    }

    /** The rule in words, as it goes into the manifest and the report. */
    public String describe() {
        return byFalseAlarms()
                ? "on validation streams: the lowest miss rate among the threshold/smoothing settings that detect and "
                        + limit() + "; ties by fewer false alarms"
                : "on validation streams: the lowest false alarms per keyword-free hour among the threshold/smoothing"
                        + " settings that detect and " + limit() + "; ties by lower miss rate";
    }
}
