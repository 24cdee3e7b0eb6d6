package wakeword.tools.tflite;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.google.flatbuffers.FlatBufferBuilder;
import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.BufferT;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.BuiltinOptionsUnion;
import org.tensorflow.lite.schema.ConcatenationOptionsT;
import org.tensorflow.lite.schema.Conv2DOptionsT;
import org.tensorflow.lite.schema.DepthwiseConv2DOptionsT;
import org.tensorflow.lite.schema.FullyConnectedOptionsT;
import org.tensorflow.lite.schema.Model;
import org.tensorflow.lite.schema.ModelT;
import org.tensorflow.lite.schema.OperatorCodeT;
import org.tensorflow.lite.schema.OperatorT;
import org.tensorflow.lite.schema.Padding;
import org.tensorflow.lite.schema.Pool2DOptionsT;
import org.tensorflow.lite.schema.QuantizationParametersT;
import org.tensorflow.lite.schema.ReshapeOptionsT;
import org.tensorflow.lite.schema.SliceOptionsT;
import org.tensorflow.lite.schema.SubGraphT;
import org.tensorflow.lite.schema.TensorT;
import org.tensorflow.lite.schema.TensorType;
import wakeword.tools.nn.Architecture;
import wakeword.tools.nn.Dims;
import wakeword.tools.nn.Layer;

/**
 * One int8 TFLite graph under construction from {@link Int8Parameters} (quantized from a trained model, or read back
 * from an exported window model): the stored int8 kernels and int32 biases, fused ReLU, and as output either the
 * logit itself (on {@link Quantization#LOGIT}) or, for models read back from the first releases, a LOGISTIC with the
 * fixed scale 1/256 and zero point -128 the int8 kernel requires. The window and the streaming export emit each
 * layer through {@link #layer}, so both carry the same weights and grids.
 */
final class Int8Graph {

    static final QuantRange LOGISTIC_OUTPUT = new QuantRange(1f / 256f, -128);

    private final Int8Parameters params;
    private final Quantization quant;
    private final List<BufferT> buffers = new ArrayList<>();
    private final List<TensorT> tensors = new ArrayList<>();
    private final List<OperatorT> operators = new ArrayList<>();
    private final Map<Integer, Integer> opcodeIndex = new LinkedHashMap<>();
    private final List<OperatorCodeT> opcodes = new ArrayList<>();

    Int8Graph(Int8Parameters params) {
        this.params = params;
        this.quant = params.quantization();
        buffers.add(new BufferT()); // buffer 0: the empty sentinel every tensor without data points at
    }

    /** An int8 activation tensor without data (a graph input, or a state). */
    int activation(String name, int[] shape, QuantRange q) {
        return addTensor(name, shape, TensorType.INT8, 0, activation(q));
    }

    int[] shape(int tensor) {
        return tensors.get(tensor).getShape().clone();
    }

    /**
     * Emits layer {@code i} of the model on {@code input} and returns its output tensor ({@code input} itself for
     * dropout). Convolutions keep the input's rows minus the kernel's, over their stride; pooling averages all of the
     * input's rows and columns, as the window model's global average pool does.
     */
    int layer(int i, int input) {
        Architecture arch = params.architecture();
        Layer layer = arch.layers().get(i);
        int[] in = shape(input);
        QuantRange inQ = quant.inputOf(i);
        QuantRange outQ = quant.output(i);
        String name = "layer" + i;
        if (layer instanceof Layer.Conv c) {
            int w = addWeights(name, arch.kernelShape(i), params.layer(i));
            int b = addBias(name + "/bias", params.layer(i));
            int y = activation(name, new int[] {1, Dims.outLength(in[1], c.kh(), c.sh(), c.padding()),
                    Dims.outLength(in[2], c.kw(), c.sw(), c.padding()), c.filters()}, outQ);
            Conv2DOptionsT o = new Conv2DOptionsT();
            o.setPadding(padding(c.padding()));
            o.setStrideH(c.sh());
            o.setStrideW(c.sw());
            o.setDilationHFactor(1);
            o.setDilationWFactor(1);
            o.setFusedActivationFunction(c.relu() ? ActivationFunctionType.RELU : ActivationFunctionType.NONE);
            addOperator(BuiltinOperator.CONV_2D, 3, new int[] {input, w, b}, y, BuiltinOptions.Conv2DOptions, o);
            return y;
        }
        if (layer instanceof Layer.Depthwise c) {
            int w = addWeights(name, arch.kernelShape(i), params.layer(i));
            int b = addBias(name + "/bias", params.layer(i));
            int y = activation(name, new int[] {1, Dims.outLength(in[1], c.kh(), c.sh(), c.padding()),
                    Dims.outLength(in[2], c.kw(), c.sw(), c.padding()), in[3]}, outQ);
            DepthwiseConv2DOptionsT o = new DepthwiseConv2DOptionsT();
            o.setPadding(padding(c.padding()));
            o.setStrideH(c.sh());
            o.setStrideW(c.sw());
            o.setDepthMultiplier(1);
            o.setDilationHFactor(1);
            o.setDilationWFactor(1);
            o.setFusedActivationFunction(c.relu() ? ActivationFunctionType.RELU : ActivationFunctionType.NONE);
            addOperator(BuiltinOperator.DEPTHWISE_CONV_2D, 3, new int[] {input, w, b}, y,
                    BuiltinOptions.DepthwiseConv2DOptions, o);
            return y;
        }
        if (layer instanceof Layer.MaxPool p) {
            // Pooling keeps the input's quantization: the int8 kernels require it.
            int y = activation(name, new int[] {1, Dims.outLength(in[1], p.kh(), p.sh(), Layer.Padding.VALID),
                    Dims.outLength(in[2], p.kw(), p.sw(), Layer.Padding.VALID), in[3]}, outQ);
            addOperator(BuiltinOperator.MAX_POOL_2D, 2, new int[] {input}, y, BuiltinOptions.Pool2DOptions,
                    pool(p.kh(), p.kw(), p.sh(), p.sw()));
            return y;
        }
        if (layer instanceof Layer.GlobalAvgPool) {
            int y = activation(name, new int[] {1, 1, 1, in[3]}, outQ);
            addOperator(BuiltinOperator.AVERAGE_POOL_2D, 2, new int[] {input}, y, BuiltinOptions.Pool2DOptions,
                    pool(in[1], in[2], 1, 1));
            return y;
        }
        if (layer instanceof Layer.Dense d) {
            int current = input;
            if (in.length != 2) {
                int[] flat = {1, Arrays.stream(in).reduce(1, (a, b) -> a * b)};
                int shape = addConstant(name + "/shape", new int[] {2}, TensorType.INT32, int32Bytes(flat), null);
                int r = activation(name + "/flatten", flat, inQ);
                ReshapeOptionsT ro = new ReshapeOptionsT();
                ro.setNewShape(flat);
                addOperator(BuiltinOperator.RESHAPE, 1, new int[] {current, shape}, r, BuiltinOptions.ReshapeOptions, ro);
                current = r;
            }
            int w = addWeights(name, arch.kernelShape(i), params.layer(i));
            int b = addBias(name + "/bias", params.layer(i));
            int y = activation(name, new int[] {1, d.units()}, outQ);
            FullyConnectedOptionsT o = new FullyConnectedOptionsT();
            o.setFusedActivationFunction(d.relu() ? ActivationFunctionType.RELU : ActivationFunctionType.NONE);
            addOperator(BuiltinOperator.FULLY_CONNECTED, 4, new int[] {current, w, b}, y,
                    BuiltinOptions.FullyConnectedOptions, o);
            return y;
        }
        return input; // Dropout is the identity at inference: nothing to write.
    }

    /** The graph's output: the logit itself, or (first releases) LOGISTIC of it. */
    int score(int logit) {
        return params.logitOutput() ? logit : logistic(logit);
    }

    private int logistic(int logit) {
        int score = activation("score", new int[] {1, 1}, LOGISTIC_OUTPUT);
        addOperator(BuiltinOperator.LOGISTIC, 2, new int[] {logit}, score, BuiltinOptions.NONE, null);
        return score;
    }

    /**
     * {@code first} then {@code second} along rows (axis 1). The int8 kernel copies bytes only when every input has
     * the output's grid, which holds here: a state is its layer's own earlier output.
     */
    int concatRows(String name, int first, int second) {
        int[] a = shape(first);
        int[] b = shape(second);
        int[] out = a.clone();
        out[1] = a[1] + b[1];
        int y = addTensor(name, out, TensorType.INT8, 0, tensors.get(first).getQuantization());
        ConcatenationOptionsT o = new ConcatenationOptionsT();
        o.setAxis(1);
        o.setFusedActivationFunction(ActivationFunctionType.NONE);
        addOperator(BuiltinOperator.CONCATENATION, 2, new int[] {first, second}, y, BuiltinOptions.ConcatenationOptions, o);
        return y;
    }

    /** The last {@code rows} rows of {@code input}, as a tensor named {@code name}. */
    int lastRows(String name, int input, int rows) {
        int[] in = shape(input);
        int[] begin = new int[in.length];
        begin[1] = in[1] - rows;
        int[] size = in.clone();
        size[1] = rows;
        int b = addConstant(name + "/begin", new int[] {in.length}, TensorType.INT32, int32Bytes(begin), null);
        int s = addConstant(name + "/size", new int[] {in.length}, TensorType.INT32, int32Bytes(size), null);
        int y = addTensor(name, size, TensorType.INT8, 0, tensors.get(input).getQuantization());
        addOperator(BuiltinOperator.SLICE, 2, new int[] {input, b, s}, y, BuiltinOptions.SliceOptions, new SliceOptionsT());
        return y;
    }

    byte[] write(int[] inputs, int[] outputs, String name) {
        SubGraphT g = new SubGraphT();
        g.setName(name);
        g.setTensors(tensors.toArray(new TensorT[0]));
        g.setOperators(operators.toArray(new OperatorT[0]));
        g.setInputs(inputs);
        g.setOutputs(outputs);
        ModelT m = new ModelT();
        m.setVersion(3);
        m.setDescription("wakeword " + name + " (int8, written by tools/trainer)");
        m.setOperatorCodes(opcodes.toArray(new OperatorCodeT[0]));
        m.setSubgraphs(new SubGraphT[] {g});
        m.setBuffers(buffers.toArray(new BufferT[0]));
        FlatBufferBuilder fbb = new FlatBufferBuilder(64 * 1024);
        Model.finishModelBuffer(fbb, Model.pack(fbb, m));
        return fbb.sizedByteArray();
    }

    private int addWeights(String layer, int[] shape, Int8Parameters.Weights w) {
        return addConstant(layer + "/weights", shape, TensorType.INT8, w.kernel(),
                weightQuant(w.kernelScales(), w.quantizedDimension()));
    }

    private int addBias(String name, Int8Parameters.Weights w) {
        float[] scales = w.biasScales();
        QuantizationParametersT qp = new QuantizationParametersT();
        qp.setScale(scales);
        qp.setZeroPoint(new long[scales.length]);
        qp.setQuantizedDimension(0);
        return addConstant(name, new int[] {scales.length}, TensorType.INT32, int32Bytes(w.bias()), qp);
    }

    private static byte[] int32Bytes(int[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) b.putInt(v);
        return b.array();
    }

    private static QuantizationParametersT activation(QuantRange q) {
        QuantizationParametersT qp = new QuantizationParametersT();
        qp.setScale(new float[] {q.scale()});
        qp.setZeroPoint(new long[] {q.zeroPoint()});
        return qp;
    }

    private static QuantizationParametersT weightQuant(float[] scales, int dimension) {
        QuantizationParametersT qp = new QuantizationParametersT();
        qp.setScale(scales);
        qp.setZeroPoint(new long[scales.length]);
        qp.setQuantizedDimension(dimension);
        return qp;
    }

    private static byte padding(Layer.Padding p) {
        return p == Layer.Padding.SAME ? Padding.SAME : Padding.VALID;
    }

    private static Pool2DOptionsT pool(int kh, int kw, int sh, int sw) {
        Pool2DOptionsT o = new Pool2DOptionsT();
        o.setPadding(Padding.VALID);
        o.setFilterHeight(kh);
        o.setFilterWidth(kw);
        o.setStrideH(sh);
        o.setStrideW(sw);
        o.setFusedActivationFunction(ActivationFunctionType.NONE);
        return o;
    }

    private int addConstant(String name, int[] shape, byte type, byte[] data, QuantizationParametersT q) {
        BufferT b = new BufferT();
        int[] unsigned = new int[data.length];
        for (int i = 0; i < data.length; i++) unsigned[i] = data[i] & 0xff;
        b.setData(unsigned);
        buffers.add(b);
        return addTensor(name, shape, type, buffers.size() - 1, q);
    }

    private int addTensor(String name, int[] shape, byte type, int buffer, QuantizationParametersT q) {
        TensorT t = new TensorT();
        t.setName(name);
        t.setShape(shape);
        t.setType(type);
        t.setBuffer(buffer);
        if (q != null) t.setQuantization(q);
        tensors.add(t);
        return tensors.size() - 1;
    }

    private void addOperator(int builtin, int version, int[] inputs, int output, byte optionsType, Object options) {
        Integer index = opcodeIndex.get(builtin);
        if (index == null) {
            OperatorCodeT code = new OperatorCodeT();
            code.setBuiltinCode(builtin);
            code.setDeprecatedBuiltinCode((byte) Math.min(builtin, 127));
            code.setVersion(version);
            opcodes.add(code);
            index = opcodes.size() - 1;
            opcodeIndex.put(builtin, index);
        }
        OperatorT op = new OperatorT();
        op.setOpcodeIndex(index);
        op.setInputs(inputs);
        op.setOutputs(new int[] {output});
        if (options != null) {
            BuiltinOptionsUnion u = new BuiltinOptionsUnion();
            u.setType(optionsType);
            u.setValue(options);
            op.setBuiltinOptions(u);
        }
        operators.add(op);
    }
}
