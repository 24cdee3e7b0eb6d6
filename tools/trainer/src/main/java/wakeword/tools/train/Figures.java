package wakeword.tools.train;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import wakeword.tools.data.ExampleSet;
import wakeword.tools.data.WindowMaker.Kind;

/**
 * Window-level figures of a model on a labelled set.
 *
 * @param loss            mean unweighted cross-entropy
 * @param recall          share of keyword windows scoring at least 0.5
 * @param falseAlarms     per negative kind, the share of its windows scoring at least 0.5
 * @param strictThreshold the score that only {@link #STRICT_FPR} of the whole-window negatives (other words, speech,
 *                        noise) reach: a stream-like operating point
 * @param strictRecall    share of keyword windows reaching {@code strictThreshold}: the figure models are chosen by
 */
public record Figures(double loss, double recall, Map<Kind, Double> falseAlarms, double strictThreshold,
                      double strictRecall) {

    public static final double STRICT_FPR = 0.005;

    public static Figures of(ExampleSet set, float[] scores) {
        double loss = 0;
        int positives = 0, hits = 0;
        Map<Kind, int[]> fa = new EnumMap<>(Kind.class);
        int negatives = 0;
        for (int i = 0; i < set.n(); i++) {
            float p = Math.min(1 - 1e-7f, Math.max(1e-7f, scores[i]));
            loss -= set.y()[i] > 0.5f ? Math.log(p) : Math.log(1 - p);
            if (set.kind()[i].positive()) {
                positives++;
                if (scores[i] >= 0.5f) hits++;
            } else {
                int[] c = fa.computeIfAbsent(set.kind()[i], k -> new int[2]);
                c[1]++;
                if (scores[i] >= 0.5f) c[0]++;
                if (!set.kind()[i].partial()) negatives++;
            }
        }
        float[] neg = new float[negatives];
        int j = 0;
        for (int i = 0; i < set.n(); i++) {
            Kind k = set.kind()[i];
            if (!k.positive() && !k.partial()) neg[j++] = scores[i];
        }
        Arrays.sort(neg);
        int allowed = (int) Math.floor(STRICT_FPR * negatives);
        double threshold = negatives == 0 ? 0.5 : Math.nextUp(neg[negatives - 1 - allowed]);
        int strictHits = 0;
        for (int i = 0; i < set.n(); i++) {
            if (set.kind()[i].positive() && scores[i] >= threshold) strictHits++;
        }
        Map<Kind, Double> rates = new EnumMap<>(Kind.class);
        fa.forEach((k, c) -> rates.put(k, (double) c[0] / c[1]));
        return new Figures(loss / set.n(), (double) hits / Math.max(1, positives), rates, threshold,
                (double) strictHits / Math.max(1, positives));
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(String.format("loss %.4f  recall@0.5 %.3f  recall@%.1f%%FPR %.3f (thr %.3f)  FA@0.5:",
                loss, recall, STRICT_FPR * 100, strictRecall, strictThreshold));
        falseAlarms.forEach((k, v) -> s.append(String.format(" %s %.4f", k.name().toLowerCase(), v)));
        return s.toString();
    }
}
