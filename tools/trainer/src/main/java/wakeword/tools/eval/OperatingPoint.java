package wakeword.tools.eval;

import java.util.List;
import java.util.function.Predicate;

/**
 * One setting of a system (a model's threshold, PocketSphinx's kws_threshold) on one part's streams.
 *
 * @param setting how the setting is written (e.g. "0.85", "1e-20")
 * @param value   the setting as a number
 */
public record OperatingPoint(String setting, double value, List<StreamOutcome> streams, StreamOutcome.Summary pooled) {

    public static OperatingPoint of(String setting, double value, List<StreamOutcome> streams) {
        return new OperatingPoint(setting, value, List.copyOf(streams), StreamOutcome.pool(streams));
    }

    /** Pooled over the streams whose labels pass {@code which} (e.g. only the clean keyword stream). */
    public StreamOutcome.Summary pooled(List<StreamLabels> labels, Predicate<StreamLabels> which) {
        List<String> names = labels.stream().filter(which).map(StreamLabels::name).toList();
        return StreamOutcome.pool(streams.stream().filter(o -> names.contains(o.stream())).toList());
    }

    /**
     * The validation rule: among points with at most {@code maxFaPerHour} that detect at least one keyword, the one
     * that misses least; on a tie the earlier (stricter) one. Empty when no such point exists (a setting that never
     * fires is not a way to use the product).
     *
     * @param strictestFirst a system's points ordered from the setting with fewest detections to the most
     */
    public static java.util.Optional<OperatingPoint> choose(List<OperatingPoint> strictestFirst, double maxFaPerHour) {
        OperatingPoint best = null;
        for (OperatingPoint p : strictestFirst) {
            if (p.pooled().hits() == 0 || p.pooled().faPerHour() > maxFaPerHour) continue;
            if (best == null || p.pooled().frr() < best.pooled().frr()) best = p;
        }
        return java.util.Optional.ofNullable(best);
    }

    /** When no point meets the limit: the quietest point that still detects (on a tie, the one that misses least). */
    public static java.util.Optional<OperatingPoint> quietest(List<OperatingPoint> strictestFirst) {
        OperatingPoint best = null;
        for (OperatingPoint p : strictestFirst) {
            if (p.pooled().hits() == 0) continue;
            if (best == null || p.pooled().faPerHour() < best.pooled().faPerHour()
                    || (p.pooled().faPerHour() == best.pooled().faPerHour() && p.pooled().frr() < best.pooled().frr())) {
                best = p;
            }
        }
        return java.util.Optional.ofNullable(best);
    }
}
