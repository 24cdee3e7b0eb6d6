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
}
