package wakeword.tools.tflite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import wakeword.tools.nn.FloatModel;
import wakeword.tools.nn.Layer;

/**
 * The int8 grid of every activation of one trained model: the input's, and each layer's output (calibrated on
 * representative inputs for layers with weights; pooling and dropout keep their input's, as the int8 kernels
 * require). Both forms of the model are written from one instance, so their tensors are quantized alike.
 */
public record Quantization(QuantRange input, List<QuantRange> outputs) {

    /**
     * The grid of the exported logit, fixed rather than calibrated: 1/16 steps over -8..7.94 keep every window the
     * training targets (logits near +-3.9) and far beyond apart; a calibrated grid would clamp the most confident
     * windows together, as LOGISTIC's 1/256 grid did above a logit of 5.5.
     */
    public static final QuantRange LOGIT = new QuantRange(1f / 16, 0);

    public Quantization {
        outputs = List.copyOf(outputs);
    }

    /** Measures each layer's output range over {@code calibration} inputs with the float reference. */
    public static Quantization calibrate(FloatModel model, QuantRange input, List<float[]> calibration) {
        List<Layer> layers = model.architecture().layers();
        float[] min = new float[layers.size()];
        float[] max = new float[layers.size()];
        Arrays.fill(min, Float.POSITIVE_INFINITY);
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
        for (float[] x : calibration) {
            float[][] acts = model.activations(x);
            for (int i = 0; i < acts.length; i++) {
                for (float v : acts[i]) {
                    if (v < min[i]) min[i] = v;
                    if (v > max[i]) max[i] = v;
                }
            }
        }
        List<QuantRange> outputs = new ArrayList<>();
        QuantRange current = input;
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).hasWeights()) current = QuantRange.covering(min[i], max[i]);
            if (i == layers.size() - 1) current = LOGIT;
            outputs.add(current);
        }
        return new Quantization(input, outputs);
    }

    /** The grid of layer {@code i}'s input. */
    public QuantRange inputOf(int i) {
        return i == 0 ? input : outputs.get(i - 1);
    }

    public QuantRange output(int i) {
        return outputs.get(i);
    }
}
