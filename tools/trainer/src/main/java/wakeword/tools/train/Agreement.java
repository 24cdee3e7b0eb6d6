package wakeword.tools.train;

import java.util.LinkedHashMap;
import java.util.Map;
import wakeword.tools.data.ExampleSet;
import wakeword.tools.nn.FloatModel;
import wakeword.tools.tflite.Int8Model;
import wakeword.tools.tflite.TfliteRunner;

/**
 * How closely the exported int8 file, run by the TFLite interpreter, follows the float model on a held-out set.
 *
 * @param maxError      largest |int8 score - float score|
 * @param meanError     mean |int8 score - float score|
 * @param decisionMatch share of windows on the same side of 0.5
 */
public record Agreement(double maxError, double meanError, double decisionMatch, int windows, float[] int8Scores) {

    public static Agreement measure(FloatModel model, Int8Model int8, ExampleSet set) {
        float[] q = new float[set.n()];
        double max = 0, sum = 0;
        int same = 0;
        try (TfliteRunner lite = new TfliteRunner(int8, set.size())) {
            for (int i = 0; i < set.n(); i++) {
                float[] row = set.row(i);
                float f = model.score(row);
                q[i] = lite.score(row);
                double d = Math.abs(f - q[i]);
                max = Math.max(max, d);
                sum += d;
                if ((f >= 0.5f) == (q[i] >= 0.5f)) same++;
            }
        }
        return new Agreement(max, sum / set.n(), (double) same / set.n(), set.n(), q);
    }

    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("max_abs_score_error", Pipeline.round(maxError, 5));
        m.put("mean_abs_score_error", Pipeline.round(meanError, 5));
        m.put("decision_agreement_at_0.5", Pipeline.round(decisionMatch, 5));
        m.put("windows", windows);
        return m;
    }

    @Override
    public String toString() {
        return String.format("max |diff| %.4f, mean |diff| %.5f, same decision at 0.5 on %.2f%% of %d windows",
                maxError, meanError, 100 * decisionMatch, windows);
    }
}
