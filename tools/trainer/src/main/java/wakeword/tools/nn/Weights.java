package wakeword.tools.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Trained float parameters of an {@link Architecture}, one entry per layer (null for layers without weights),
 * kernels in TFLite layout (see {@link Architecture#kernelShape}).
 */
public record Weights(List<float[]> kernels, List<float[]> biases) {

    public Weights {
        kernels = Collections.unmodifiableList(new ArrayList<>(kernels));
        biases = Collections.unmodifiableList(new ArrayList<>(biases));
    }

    public float[] kernel(int layer) {
        return kernels.get(layer);
    }

    public float[] bias(int layer) {
        return biases.get(layer);
    }

    /**
     * The element-wise mean of several checkpoints of one network, summed in list order in double precision so the
     * result is the same on every run.
     */
    public static Weights mean(List<Weights> checkpoints) {
        if (checkpoints.isEmpty()) throw new IllegalArgumentException("no checkpoints to average");
        Weights first = checkpoints.get(0);
        List<float[]> ks = new ArrayList<>();
        List<float[]> bs = new ArrayList<>();
        for (int layer = 0; layer < first.kernels().size(); layer++) {
            int l = layer;
            ks.add(meanOf(checkpoints.stream().map(w -> w.kernel(l)).toList()));
            bs.add(meanOf(checkpoints.stream().map(w -> w.bias(l)).toList()));
        }
        return new Weights(ks, bs);
    }

    private static float[] meanOf(List<float[]> arrays) {
        if (arrays.get(0) == null) return null;
        float[] out = new float[arrays.get(0).length];
        for (int i = 0; i < out.length; i++) {
            double sum = 0;
            for (float[] a : arrays) sum += a[i];
            out[i] = (float) (sum / arrays.size());
        }
        return out;
    }
}
