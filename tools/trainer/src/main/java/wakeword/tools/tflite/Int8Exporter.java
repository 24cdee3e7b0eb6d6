package wakeword.tools.tflite;

import java.util.Arrays;
import java.util.List;
import wakeword.tools.nn.Architecture;
import wakeword.tools.nn.Dims;
import wakeword.tools.nn.FloatModel;

/**
 * Post-training full-integer quantization and .tflite writing of the window model: the whole input window in, the
 * score out (see {@link Int8Graph} for the int8 scheme, {@link StreamingExporter} for the streaming form).
 */
public final class Int8Exporter {

    private Int8Exporter() {
    }

    /**
     * Quantizes {@code model} with activation ranges measured on {@code calibration} inputs and writes it; the input
     * uses {@code input}, the grid the model was trained on.
     */
    public static Int8Model export(FloatModel model, QuantRange input, List<float[]> calibration) {
        return export(model, Quantization.calibrate(model, input, calibration));
    }

    public static Int8Model export(FloatModel model, Quantization quant) {
        return export(Int8Parameters.quantize(model, quant));
    }

    /** The window model of exactly these int8 parameters. */
    public static Int8Model export(Int8Parameters params) {
        Int8Graph g = new Int8Graph(params);
        Quantization quant = params.quantization();
        Architecture arch = params.architecture();
        Dims in = arch.inputDims();
        int input = g.activation("input", new int[] {1, in.h(), in.w(), 1}, quant.input());
        int current = input;
        for (int i = 0; i < arch.layers().size(); i++) current = g.layer(i, current);
        int score = g.score(current);
        return new Int8Model(g.write(new int[] {input}, new int[] {score}, arch.name()), quant.input(),
                params.logitOutput() ? quant.output(arch.layers().size() - 1) : Int8Graph.LOGISTIC_OUTPUT,
                params.logitOutput());
    }

    /** The input range of a set of feature windows: the 0.1% and 99.99% points of all values (outliers clamp). */
    public static QuantRange inputRange(float[] features) {
        float[] v = features.clone();
        Arrays.sort(v);
        return QuantRange.covering(v[(int) (v.length * 0.001)], v[(int) Math.min(v.length - 1L, v.length * 9999L / 10000)]);
    }
}
