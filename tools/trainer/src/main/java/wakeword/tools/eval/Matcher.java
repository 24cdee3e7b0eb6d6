package wakeword.tools.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Scores one stream's detections against its labels. A keyword is heard when a detection falls in
 * [start, end + {@value #AFTER_END_SECONDS} s] of its active speech; each detection counts for at most one keyword
 * (the earliest one still unheard whose window holds it). Every other detection is a false alarm, including a
 * second detection of an already heard keyword: with a toggling output that would switch the pin back.
 */
public final class Matcher {

    public static final double AFTER_END_SECONDS = 1.0;

    private Matcher() {}

    public static StreamOutcome match(StreamLabels labels, List<Double> detectionTimes) {
        List<StreamLabels.Keyword> keywords = labels.keywords();
        boolean[] heard = new boolean[keywords.size()];
        List<Double> latencies = new ArrayList<>();
        List<Double> falseAlarms = new ArrayList<>();
        int repeats = 0;
        for (double t : detectionTimes.stream().sorted().toList()) {
            int match = -1;
            boolean inHeardWindow = false;
            for (int k = 0; k < keywords.size(); k++) {
                StreamLabels.Keyword kw = keywords.get(k);
                if (t < kw.start() || t > kw.end() + AFTER_END_SECONDS) continue;
                if (!heard[k]) {
                    match = k;
                    break;
                }
                inHeardWindow = true;
            }
            if (match >= 0) {
                heard[match] = true;
                latencies.add(t - keywords.get(match).end());
            } else {
                falseAlarms.add(t);
                if (inHeardWindow) repeats++;
            }
        }
        return new StreamOutcome(labels.name(), labels.kind(), keywords.size(), latencies.size(), falseAlarms.size(), repeats,
                labels.keywordFreeSeconds(), latencies, falseAlarms);
    }
}
