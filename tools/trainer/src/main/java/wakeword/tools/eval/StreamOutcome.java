package wakeword.tools.eval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * How one stream went at one operating point.
 *
 * @param kind           the stream's kind from its labels ("keywords", "negative", "synthetic-keywords")
 * @param repeats        false alarms that were a second detection inside an already heard keyword's window
 * @param latencies      detection time minus keyword end, seconds, one per heard keyword
 * @param falseAlarmTimes seconds from the stream's start
 */
public record StreamOutcome(String stream, String kind, int keywords, int hits, int falseAlarms, int repeats,
                            double keywordFreeSeconds, List<Double> latencies, List<Double> falseAlarmTimes) {

    /** Pooled figures over several streams: FRR = missed / keywords, FA/h = false alarms / keyword-free hours. */
    public record Summary(int keywords, int hits, int falseAlarms, int repeats, double keywordFreeHours,
                          double frr, double faPerHour, Double latencyMedian, Double latencyP90) {
    }

    public static Summary pool(Collection<StreamOutcome> outcomes) {
        int keywords = 0;
        int hits = 0;
        int fa = 0;
        int repeats = 0;
        double free = 0;
        List<Double> lat = new ArrayList<>();
        for (StreamOutcome o : outcomes) {
            keywords += o.keywords();
            hits += o.hits();
            fa += o.falseAlarms();
            repeats += o.repeats();
            free += o.keywordFreeSeconds();
            lat.addAll(o.latencies());
        }
        double hours = free / 3600;
        double frr = keywords == 0 ? Double.NaN : (keywords - hits) / (double) keywords;
        double faph = hours == 0 ? Double.NaN : fa / hours;
        return new Summary(keywords, hits, fa, repeats, hours, frr, faph, quantile(lat, 0.5), quantile(lat, 0.9));
    }

    /** Linear interpolation between order statistics (the common "type 7" definition); null for no values. */
    static Double quantile(List<Double> values, double q) {
        if (values.isEmpty()) return null;
        List<Double> v = values.stream().sorted().toList();
        double pos = q * (v.size() - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(v.size() - 1, lo + 1);
        return v.get(lo) + (v.get(hi) - v.get(lo)) * (pos - lo);
    }
}
