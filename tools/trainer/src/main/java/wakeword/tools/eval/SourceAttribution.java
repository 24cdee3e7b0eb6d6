package wakeword.tools.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Files every false alarm under the recording it came from: the source whose audio overlaps most of the
 * {@value #WINDOW_SECONDS} s before the detection (about the model's input window, which is what the model heard when
 * it fired); on equal overlap the later source. A false alarm that overlaps no recording fired on noise alone.
 */
public final class SourceAttribution {

    public static final double WINDOW_SECONDS = 1.0;

    /** What a false alarm is filed under. */
    public record Kind(String group, String kind) {
    }

    /** False alarms and audio of one kind over a part's headline streams. */
    public record KindCount(String group, String kind, int falseAlarms, double audioSeconds) {
    }

    private static final Kind NOISE = new Kind(StreamLabels.GROUP_NOISE, StreamLabels.GROUP_NOISE);

    private final Map<String, List<StreamLabels.Source>> byStream = new HashMap<>();
    private final Map<Kind, Double> audioSeconds = new TreeMap<>(ORDER);

    private static final Comparator<Kind> ORDER = Comparator.comparing(Kind::group).thenComparing(Kind::kind);

    /** @param labels every stream of one part; synthetic-keyword streams are left out of the audio totals */
    public SourceAttribution(List<StreamLabels> labels) {
        for (StreamLabels l : labels) {
            List<StreamLabels.Source> sorted = l.sources() == null ? List.of()
                    : l.sources().stream().sorted(Comparator.comparingDouble(StreamLabels.Source::start)).toList();
            byStream.put(l.name(), sorted);
            if (!OperatingPoint.isHeadline(l.kind())) continue;
            double covered = 0;
            for (StreamLabels.Source s : sorted) {
                audioSeconds.merge(new Kind(s.group(), s.kind()), s.end() - s.start(), Double::sum);
                covered += s.end() - s.start();
            }
            audioSeconds.merge(NOISE, Math.max(0, l.durationSeconds() - covered), Double::sum);
        }
    }

    /** The kind of a false alarm at {@code time} seconds in stream {@code stream}. */
    public Kind at(String stream, double time) {
        List<StreamLabels.Source> sources = byStream.getOrDefault(stream, List.of());
        double from = time - WINDOW_SECONDS;
        // The last source that starts before the detection; sources are placed one after another, so earlier ones
        // that still reach into the window sit just before it.
        int lo = 0;
        int hi = sources.size() - 1;
        int last = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (sources.get(mid).start() < time) {
                last = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        StreamLabels.Source best = null;
        double bestOverlap = 0;
        for (int i = last; i >= 0 && i >= last - 8; i--) {
            StreamLabels.Source s = sources.get(i);
            double overlap = Math.min(time, s.end()) - Math.max(from, s.start());
            if (overlap > bestOverlap) {
                best = s;
                bestOverlap = overlap;
            }
        }
        return best == null ? NOISE : new Kind(best.group(), best.kind());
    }

    /** False alarms per kind over the headline streams of one operating point, most first, then by name. */
    public List<KindCount> count(List<StreamOutcome> outcomes) {
        Map<Kind, Integer> n = new TreeMap<>(ORDER);
        for (StreamOutcome o : outcomes) {
            if (!OperatingPoint.isHeadline(o.kind())) continue;
            for (double t : o.falseAlarmTimes()) n.merge(at(o.stream(), t), 1, Integer::sum);
        }
        List<KindCount> out = new ArrayList<>();
        for (Map.Entry<Kind, Double> e : audioSeconds.entrySet()) {
            out.add(new KindCount(e.getKey().group(), e.getKey().kind(), n.getOrDefault(e.getKey(), 0), e.getValue()));
        }
        for (Map.Entry<Kind, Integer> e : n.entrySet()) {
            if (!audioSeconds.containsKey(e.getKey())) out.add(new KindCount(e.getKey().group(), e.getKey().kind(), e.getValue(), 0));
        }
        out.sort(Comparator.comparingInt(KindCount::falseAlarms).reversed()
                .thenComparing(KindCount::group).thenComparing(KindCount::kind));
        return out;
    }

    /** {@link #count} summed per group (in name order). */
    public static Map<String, Integer> byGroup(List<KindCount> counts) {
        Map<String, Integer> out = new TreeMap<>();
        for (KindCount k : counts) out.merge(k.group(), k.falseAlarms(), Integer::sum);
        return out;
    }

    /** Seconds of audio per group over the headline streams (noise: the time no recording plays). */
    public Map<String, Double> audioSecondsByGroup() {
        Map<String, Double> out = new TreeMap<>();
        audioSeconds.forEach((k, v) -> out.merge(k.group(), v, Double::sum));
        return out;
    }
}
