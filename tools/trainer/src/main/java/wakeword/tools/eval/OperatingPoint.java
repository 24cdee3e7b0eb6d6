package wakeword.tools.eval;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One setting of a system (a model's threshold and smoothing, PocketSphinx's kws_threshold) on one part's streams.
 *
 * @param setting   how the threshold is written (e.g. "0.85", "1e-20")
 * @param value     the threshold as a number
 * @param smoothing scores averaged by the trigger policy; 0 for a system without one (PocketSphinx)
 * @param pooled    over the headline streams: the real keyword streams and the keyword-free one
 * @param synthetic the synthetic-"stop" stream alone (null without one): reported, never used to choose
 */
public record OperatingPoint(String setting, double value, int smoothing, List<StreamOutcome> streams,
                             StreamOutcome.Summary pooled, StreamOutcome.Summary synthetic) {

    public static OperatingPoint of(String setting, double value, int smoothing, List<StreamOutcome> streams) {
        List<StreamOutcome> sy = streams.stream().filter(o -> !isHeadline(o.kind())).toList();
        return new OperatingPoint(setting, value, smoothing, List.copyOf(streams),
                StreamOutcome.pool(streams.stream().filter(o -> isHeadline(o.kind())).toList()),
                sy.isEmpty() ? null : StreamOutcome.pool(sy));
    }

    /** Synthetic "stop"s are kept out of the headline figures: the product is for people. */
    static boolean isHeadline(String streamKind) {
        return !StreamLabels.KIND_SYNTHETIC_KEYWORDS.equals(streamKind);
    }

    /** Pooled over the streams whose labels pass {@code which} (e.g. only the clean keyword stream). */
    public StreamOutcome.Summary pooled(List<StreamLabels> labels, Predicate<StreamLabels> which) {
        List<String> names = labels.stream().filter(which).map(StreamLabels::name).toList();
        return StreamOutcome.pool(streams.stream().filter(o -> names.contains(o.stream())).toList());
    }

    /** The miss-limit rule ({@link ChoiceRule} with {@code maxFrr}); empty when no point qualifies. */
    public static Optional<OperatingPoint> choose(List<OperatingPoint> points, double maxFrr) {
        return new ChoiceRule(maxFrr, 0).choose(points);
    }

    /** When no point meets the miss limit: the one that misses least (on a tie, the one with fewer false alarms). */
    public static Optional<OperatingPoint> closest(List<OperatingPoint> points) {
        return points.stream()
                .filter(p -> p.pooled().hits() > 0)
                .min(Comparator.comparingDouble((OperatingPoint p) -> p.pooled().frr())
                        .thenComparingDouble(p -> p.pooled().faPerHour()));
    }
}
