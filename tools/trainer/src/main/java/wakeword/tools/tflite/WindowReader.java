package wakeword.tools.tflite;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.Conv2DOptionsT;
import org.tensorflow.lite.schema.DepthwiseConv2DOptionsT;
import org.tensorflow.lite.schema.FullyConnectedOptionsT;
import org.tensorflow.lite.schema.Model;
import org.tensorflow.lite.schema.ModelT;
import org.tensorflow.lite.schema.OperatorT;
import org.tensorflow.lite.schema.Padding;
import org.tensorflow.lite.schema.Pool2DOptionsT;
import org.tensorflow.lite.schema.QuantizationParametersT;
import org.tensorflow.lite.schema.SubGraphT;
import org.tensorflow.lite.schema.TensorT;
import org.tensorflow.lite.schema.TensorType;
import wakeword.tools.nn.Architecture;
import wakeword.tools.nn.Layer;

/**
 * Reads a window model that {@link Int8Exporter} wrote back into {@link Int8Parameters}: the layers from its
 * operators, the int8 kernels, int32 biases and their scales from its buffers and quantization, each activation grid
 * from its tensors. Nothing is re-quantized, so a graph written from the result carries the file's exact numbers
 * (the streaming form of a model whose float weights are gone).
 *
 * <p>Layer indices come from the tensor names ({@code layerN}); an index without an operator was a dropout layer,
 * which the export skips (its rate only matters in training, so it reads back as 0).
 */
public final class WindowReader {

    private WindowReader() {
    }

    public static Int8Parameters read(byte[] tflite) {
        ModelT model = Model.getRootAsModel(ByteBuffer.wrap(tflite).order(ByteOrder.LITTLE_ENDIAN)).unpack();
        if (model.getSubgraphs().length != 1) throw new IllegalArgumentException("expected one subgraph");
        SubGraphT g = model.getSubgraphs()[0];
        TensorT[] tensors = g.getTensors();
        if (g.getInputs().length != 1 || g.getOutputs().length != 1) {
            throw new IllegalArgumentException("expected a window model: one input, one output");
        }
        TensorT input = tensors[g.getInputs()[0]];
        int[] inShape = input.getShape();
        if (input.getType() != TensorType.INT8 || inShape.length != 4 || inShape[0] != 1 || inShape[3] != 1) {
            throw new IllegalArgumentException("the input is not int8 [1, frames, coefficients, 1]");
        }
        QuantRange inputQ = activation(input);
        TreeMap<Integer, Layer> layers = new TreeMap<>();
        Map<Integer, QuantRange> outputs = new HashMap<>();
        Map<Integer, Int8Parameters.Weights> weights = new HashMap<>();
        boolean logistic = false;
        for (OperatorT op : g.getOperators()) {
            var code = model.getOperatorCodes()[(int) op.getOpcodeIndex()];
            int builtin = Math.max(code.getBuiltinCode(), code.getDeprecatedBuiltinCode());
            TensorT out = tensors[op.getOutputs()[0]];
            if (builtin == BuiltinOperator.LOGISTIC) {
                logistic = true;
                continue;
            }
            if (builtin == BuiltinOperator.RESHAPE) continue; // the flatten before a dense layer: implied by Dense
            int i = layerIndex(out.getName());
            Object options = op.getBuiltinOptions() == null ? null : op.getBuiltinOptions().getValue();
            Layer layer;
            switch (builtin) {
                case BuiltinOperator.CONV_2D -> {
                    Conv2DOptionsT o = (Conv2DOptionsT) options;
                    int[] k = tensors[op.getInputs()[1]].getShape();
                    layer = new Layer.Conv(k[1], k[2], o.getStrideH(), o.getStrideW(), k[0], padding(o.getPadding()),
                            relu(o.getFusedActivationFunction()));
                }
                case BuiltinOperator.DEPTHWISE_CONV_2D -> {
                    DepthwiseConv2DOptionsT o = (DepthwiseConv2DOptionsT) options;
                    if (o.getDepthMultiplier() != 1) throw new IllegalArgumentException("depth multiplier " + o.getDepthMultiplier());
                    int[] k = tensors[op.getInputs()[1]].getShape();
                    layer = new Layer.Depthwise(k[1], k[2], o.getStrideH(), o.getStrideW(), padding(o.getPadding()),
                            relu(o.getFusedActivationFunction()));
                }
                case BuiltinOperator.FULLY_CONNECTED -> {
                    FullyConnectedOptionsT o = (FullyConnectedOptionsT) options;
                    int[] k = tensors[op.getInputs()[1]].getShape();
                    layer = new Layer.Dense(k[0], relu(o.getFusedActivationFunction()));
                }
                case BuiltinOperator.MAX_POOL_2D -> {
                    Pool2DOptionsT o = (Pool2DOptionsT) options;
                    layer = new Layer.MaxPool(o.getFilterHeight(), o.getFilterWidth(), o.getStrideH(), o.getStrideW());
                }
                case BuiltinOperator.AVERAGE_POOL_2D -> layer = new Layer.GlobalAvgPool();
                default -> throw new IllegalArgumentException("operator " + BuiltinOperator.name(builtin)
                        + " is not one the exporter writes");
            }
            if (layers.put(i, layer) != null) throw new IllegalArgumentException("two operators write layer " + i);
            outputs.put(i, activation(out));
            if (layer.hasWeights()) {
                weights.put(i, weights(model, tensors[op.getInputs()[1]], tensors[op.getInputs()[2]]));
            }
        }
        if (layers.isEmpty()) throw new IllegalArgumentException("no layers");
        List<Layer> list = new ArrayList<>();
        List<QuantRange> grids = new ArrayList<>();
        QuantRange current = inputQ;
        for (int i = 0; i <= layers.lastKey(); i++) {
            // A dropout keeps its input's grid, as Quantization.calibrate gives it.
            list.add(layers.getOrDefault(i, new Layer.Dropout(0)));
            current = outputs.getOrDefault(i, current);
            grids.add(current);
        }
        Architecture arch = new Architecture(g.getName(), inShape[1], inShape[2], list);
        return new Int8Parameters(arch, new Quantization(inputQ, grids), weights, !logistic);
    }

    private static int layerIndex(String name) {
        if (!name.matches("layer\\d+")) throw new IllegalArgumentException("tensor '" + name + "' is not named layerN");
        return Integer.parseInt(name.substring("layer".length()));
    }

    private static Int8Parameters.Weights weights(ModelT model, TensorT kernel, TensorT bias) {
        if (kernel.getType() != TensorType.INT8 || bias.getType() != TensorType.INT32) {
            throw new IllegalArgumentException(kernel.getName() + ": expected int8 weights and int32 bias");
        }
        QuantizationParametersT kq = kernel.getQuantization();
        QuantizationParametersT bq = bias.getQuantization();
        symmetric(kernel.getName(), kq);
        symmetric(bias.getName(), bq);
        byte[] k = data(model, kernel);
        ByteBuffer b = ByteBuffer.wrap(data(model, bias)).order(ByteOrder.LITTLE_ENDIAN);
        int[] biasValues = new int[b.remaining() / 4];
        for (int j = 0; j < biasValues.length; j++) biasValues[j] = b.getInt();
        return new Int8Parameters.Weights(k, kq.getScale(), kq.getQuantizedDimension(), biasValues, bq.getScale());
    }

    /** The int8 kernels take weights and biases with zero points of 0 only. */
    private static void symmetric(String name, QuantizationParametersT q) {
        for (long z : q.getZeroPoint()) if (z != 0) throw new IllegalArgumentException(name + " has a zero point " + z);
    }

    private static byte[] data(ModelT model, TensorT t) {
        int[] unsigned = model.getBuffers()[(int) t.getBuffer()].getData();
        byte[] out = new byte[unsigned.length];
        for (int j = 0; j < out.length; j++) out[j] = (byte) unsigned[j];
        return out;
    }

    private static QuantRange activation(TensorT t) {
        QuantizationParametersT q = t.getQuantization();
        if (t.getType() != TensorType.INT8 || q == null || q.getScale().length != 1) {
            throw new IllegalArgumentException(t.getName() + " is not a per-tensor int8 activation");
        }
        return new QuantRange(q.getScale()[0], (int) q.getZeroPoint()[0]);
    }

    private static Layer.Padding padding(byte p) {
        return p == Padding.SAME ? Layer.Padding.SAME : Layer.Padding.VALID;
    }

    private static boolean relu(byte activation) {
        if (activation != ActivationFunctionType.NONE && activation != ActivationFunctionType.RELU) {
            throw new IllegalArgumentException("fused activation " + activation);
        }
        return activation == ActivationFunctionType.RELU;
    }
}
