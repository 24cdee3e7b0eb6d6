package wakeword.tools.data;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Labelled model inputs: {@code n} rows of {@code size} features, a 0/1 label, a loss weight and the kind of window
 * each row came from (for per-kind figures).
 */
public record ExampleSet(float[] x, float[] y, float[] w, WindowMaker.Kind[] kind, int n, int size) {

    /**
     * Makes {@code counts} windows of each kind and their features. Row i depends only on {@code seed} and i, so the
     * set is the same however many threads build it.
     */
    public static ExampleSet generate(WindowMaker maker, FeatureSpec spec, Map<WindowMaker.Kind, Integer> counts,
                                      Map<WindowMaker.Kind, Double> weights, long seed) {
        return generate(maker, null, spec, counts, weights, seed);
    }

    /** As above, with the IMAGE_ kinds made by {@code images} (may be null when no image kind is counted). */
    public static ExampleSet generate(WindowMaker maker, ImageWindows images, FeatureSpec spec,
                                      Map<WindowMaker.Kind, Integer> counts, Map<WindowMaker.Kind, Double> weights,
                                      long seed) {
        for (Map.Entry<WindowMaker.Kind, Integer> e : counts.entrySet()) {
            if (e.getKey().fromImage() && e.getValue() > 0 && images == null) {
                throw new IllegalArgumentException(e.getKey() + " windows need the log-mel images");
            }
        }
        int n = counts.values().stream().mapToInt(Integer::intValue).sum();
        WindowMaker.Kind[] kinds = new WindowMaker.Kind[n];
        int k = 0;
        // Kinds in declaration order, never the map's own order (Map.of iterates in a per-JVM random order).
        for (WindowMaker.Kind kind : WindowMaker.Kind.values()) {
            for (int i = 0; i < counts.getOrDefault(kind, 0); i++) kinds[k++] = kind;
        }
        int size = spec.size();
        float[] x = new float[n * size];
        float[] y = new float[n];
        float[] w = new float[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            Random r = new Random(seed * 1_000_003L + i);
            float[] f = kinds[i].fromImage() ? images.features(kinds[i], r) : spec.features(maker.make(kinds[i], r));
            System.arraycopy(f, 0, x, i * size, size);
            y[i] = kinds[i].positive() ? 1f : 0f;
            w[i] = weights.getOrDefault(kinds[i], 1.0).floatValue();
        });
        return new ExampleSet(x, y, w, kinds, n, size);
    }

    /**
     * Rounds every feature to the int8 grid of the model input, in place, so the float model trains and is judged on
     * exactly the values the int8 model will receive from the daemon (clamped to the range, then quantized).
     */
    public ExampleSet snapTo(wakeword.tools.tflite.QuantRange input) {
        for (int i = 0; i < x.length; i++) x[i] = input.dequantize(input.quantize(x[i]));
        return this;
    }

    public float[] row(int i) {
        return java.util.Arrays.copyOfRange(x, i * size, (i + 1) * size);
    }

    /** A random order of the rows (Fisher-Yates with the given generator). */
    public int[] shuffled(Random r) {
        int[] order = IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    public Map<WindowMaker.Kind, Integer> countByKind() {
        Map<WindowMaker.Kind, Integer> m = new EnumMap<>(WindowMaker.Kind.class);
        for (WindowMaker.Kind kk : kind) m.merge(kk, 1, Integer::sum);
        return m;
    }
}
