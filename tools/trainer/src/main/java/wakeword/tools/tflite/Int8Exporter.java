package wakeword.tools.tflite;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.google.flatbuffers.FlatBufferBuilder;
import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.BufferT;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.BuiltinOptionsUnion;
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
import org.tensorflow.lite.schema.SubGraphT;
import org.tensorflow.lite.schema.TensorT;
import org.tensorflow.lite.schema.TensorType;
import wakeword.tools.nn.Architecture;
import wakeword.tools.nn.Dims;
import wakeword.tools.nn.FloatModel;
import wakeword.tools.nn.Layer;

/**
 * Post-training full-integer quantization and .tflite writing with the TFLite schema classes: int8 input and
 * activations (ranges calibrated on representative windows), per-channel symmetric int8 conv/depthwise weights,
 * per-tensor FC weights, int32 biases with scale input_scale * weight_scale, fused ReLU, and a LOGISTIC output
 * with the fixed scale 1/256 and zero point -128 the int8 kernel requires.
 */
public final class Int8Exporter {

    public static final QuantRange LOGISTIC_OUTPUT = new QuantRange(1f / 256f, -128);

    private final List<BufferT> buffers = new ArrayList<>();
    private final List<TensorT> tensors = new ArrayList<>();
    private final List<OperatorT> operators = new ArrayList<>();
    private final Map<Integer, Integer> opcodeIndex = new LinkedHashMap<>();
    private final List<OperatorCodeT> opcodes = new ArrayList<>();

    private Int8Exporter() {
        buffers.add(new BufferT()); // buffer 0: the empty sentinel every tensor without data points at
    }

    /**
     * Quantizes {@code model} with activation ranges measured on {@code calibration} inputs and writes it; the input
     * uses {@code input}, the grid the model was trained on.
     */
    public static Int8Model export(FloatModel model, QuantRange input, List<float[]> calibration) {
        return new Int8Exporter().build(model, input, calibration);
    }

    /** The input range of a set of feature windows: the 0.1% and 99.99% points of all values (outliers clamp). */
    public static QuantRange inputRange(float[] features) {
        float[] v = features.clone();
        java.util.Arrays.sort(v);
        return QuantRange.covering(v[(int) (v.length * 0.001)], v[(int) Math.min(v.length - 1L, v.length * 9999L / 10000)]);
    }

    private Int8Model build(FloatModel model, QuantRange inQ, List<float[]> calibration) {
        Architecture arch = model.architecture();
        List<Layer> layers = arch.layers();
        float[] min = new float[layers.size() + 1];
        float[] max = new float[layers.size() + 1];
        java.util.Arrays.fill(min, Float.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
        for (float[] x : calibration) {
            float[][] acts = model.activations(x);
            for (int i = 0; i < acts.length; i++) track(acts[i], i + 1, min, max);
        }

        Dims inDims = arch.inputDims();
        int current = addTensor("input", new int[] {1, inDims.h(), inDims.w(), 1}, TensorType.INT8, 0, activation(inQ));
        int inputTensor = current;
        QuantRange currentQ = inQ;
        List<Dims> shapes = arch.shapes();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            Dims out = shapes.get(i);
            String name = "layer" + i;
            if (layer instanceof Layer.Conv c) {
                QuantRange outQ = QuantRange.covering(min[i + 1], max[i + 1]);
                int[] kshape = arch.kernelShape(i);
                float[] scales = perChannelScales(model.weights().kernel(i), kshape[0], false);
                int w = addConstant(name + "/weights", kshape, TensorType.INT8,
                        quantizeWeights(model.weights().kernel(i), scales, false), weightQuant(scales, 0));
                int b = addBias(name + "/bias", model.weights().bias(i), currentQ.scale(), scales);
                int y = addTensor(name, new int[] {1, out.h(), out.w(), out.c()}, TensorType.INT8, 0, activation(outQ));
                Conv2DOptionsT o = new Conv2DOptionsT();
                o.setPadding(padding(c.padding()));
                o.setStrideH(c.sh());
                o.setStrideW(c.sw());
                o.setDilationHFactor(1);
                o.setDilationWFactor(1);
                o.setFusedActivationFunction(c.relu() ? ActivationFunctionType.RELU : ActivationFunctionType.NONE);
                addOperator(BuiltinOperator.CONV_2D, 3, new int[] {current, w, b}, y, BuiltinOptions.Conv2DOptions, o);
                current = y;
                currentQ = outQ;
            } else if (layer instanceof Layer.Depthwise c) {
                QuantRange outQ = QuantRange.covering(min[i + 1], max[i + 1]);
                int[] kshape = arch.kernelShape(i);
                float[] scales = perChannelScales(model.weights().kernel(i), kshape[3], true);
                int w = addConstant(name + "/weights", kshape, TensorType.INT8,
                        quantizeWeights(model.weights().kernel(i), scales, true), weightQuant(scales, 3));
                int b = addBias(name + "/bias", model.weights().bias(i), currentQ.scale(), scales);
                int y = addTensor(name, new int[] {1, out.h(), out.w(), out.c()}, TensorType.INT8, 0, activation(outQ));
                DepthwiseConv2DOptionsT o = new DepthwiseConv2DOptionsT();
                o.setPadding(padding(c.padding()));
                o.setStrideH(c.sh());
                o.setStrideW(c.sw());
                o.setDepthMultiplier(1);
                o.setDilationHFactor(1);
                o.setDilationWFactor(1);
                o.setFusedActivationFunction(c.relu() ? ActivationFunctionType.RELU : ActivationFunctionType.NONE);
                addOperator(BuiltinOperator.DEPTHWISE_CONV_2D, 3, new int[] {current, w, b}, y,
                        BuiltinOptions.DepthwiseConv2DOptions, o);
                current = y;
                currentQ = outQ;
            } else if (layer instanceof Layer.MaxPool p) {
                // Pooling keeps the input's quantization: the int8 kernels require it.
                int y = addTensor(name, new int[] {1, out.h(), out.w(), out.c()}, TensorType.INT8, 0, activation(currentQ));
                addOperator(BuiltinOperator.MAX_POOL_2D, 2, new int[] {current}, y, BuiltinOptions.Pool2DOptions,
                        pool(p.kh(), p.kw(), p.sh(), p.sw()));
                current = y;
            } else if (layer instanceof Layer.GlobalAvgPool) {
                Dims in = arch.inputOf(i);
                int y = addTensor(name, new int[] {1, 1, 1, out.c()}, TensorType.INT8, 0, activation(currentQ));
                addOperator(BuiltinOperator.AVERAGE_POOL_2D, 2, new int[] {current}, y, BuiltinOptions.Pool2DOptions,
                        pool(in.h(), in.w(), 1, 1));
                current = y;
            } else if (layer instanceof Layer.Dense d) {
                Dims in = arch.inputOf(i);
                if (in.h() != 1 || in.w() != 1 || tensors.get(current).getShape().length != 2) {
                    int[] flat = {1, in.size()};
                    int shape = addConstant(name + "/shape", new int[] {2}, TensorType.INT32, int32Bytes(flat), null);
                    int r = addTensor(name + "/flatten", flat, TensorType.INT8, 0, activation(currentQ));
                    ReshapeOptionsT ro = new ReshapeOptionsT();
                    ro.setNewShape(flat);
                    addOperator(BuiltinOperator.RESHAPE, 1, new int[] {current, shape}, r, BuiltinOptions.ReshapeOptions, ro);
                    current = r;
                }
                QuantRange outQ = QuantRange.covering(min[i + 1], max[i + 1]);
                float[] k = model.weights().kernel(i);
                float scale = maxAbs(k, 0, k.length) / 127f;
                float[] scales = new float[d.units()];
                java.util.Arrays.fill(scales, scale);
                int w = addConstant(name + "/weights", arch.kernelShape(i), TensorType.INT8,
                        quantizeWeights(k, scales, false), weightQuant(new float[] {scale}, 0));
                int b = addBias(name + "/bias", model.weights().bias(i), currentQ.scale(), scales);
                int y = addTensor(name, new int[] {1, d.units()}, TensorType.INT8, 0, activation(outQ));
                FullyConnectedOptionsT o = new FullyConnectedOptionsT();
                o.setFusedActivationFunction(d.relu() ? ActivationFunctionType.RELU : ActivationFunctionType.NONE);
                addOperator(BuiltinOperator.FULLY_CONNECTED, 4, new int[] {current, w, b}, y,
                        BuiltinOptions.FullyConnectedOptions, o);
                current = y;
                currentQ = outQ;
            }
            // Dropout is the identity at inference: nothing to write.
        }
        int score = addTensor("score", new int[] {1, 1}, TensorType.INT8, 0, activation(LOGISTIC_OUTPUT));
        addOperator(BuiltinOperator.LOGISTIC, 2, new int[] {current}, score, BuiltinOptions.NONE, null);
        return new Int8Model(write(inputTensor, score, arch.name()), inQ, LOGISTIC_OUTPUT);
    }

    private static void track(float[] v, int slot, float[] min, float[] max) {
        for (float x : v) {
            if (x < min[slot]) min[slot] = x;
            if (x > max[slot]) max[slot] = x;
        }
    }

    /** Symmetric per-output-channel scales; {@code channelsLast} for depthwise [1,h,w,c], else [c, ...]. */
    private static float[] perChannelScales(float[] k, int channels, boolean channelsLast) {
        float[] s = new float[channels];
        int per = k.length / channels;
        for (int c = 0; c < channels; c++) {
            float m = 0;
            for (int j = 0; j < per; j++) m = Math.max(m, Math.abs(k[channelsLast ? j * channels + c : c * per + j]));
            s[c] = Math.max(m, 1e-8f) / 127f;
        }
        return s;
    }

    private static byte[] quantizeWeights(float[] k, float[] scales, boolean channelsLast) {
        int channels = scales.length;
        int per = k.length / channels;
        byte[] q = new byte[k.length];
        for (int i = 0; i < k.length; i++) {
            int c = channelsLast ? i % channels : i / per;
            q[i] = (byte) Math.max(-127, Math.min(127, Math.round(k[i] / scales[c])));
        }
        return q;
    }

    private static float maxAbs(float[] k, int from, int to) {
        float m = 1e-8f;
        for (int i = from; i < to; i++) m = Math.max(m, Math.abs(k[i]));
        return m;
    }

    private int addBias(String name, float[] bias, float inputScale, float[] weightScales) {
        int[] q = new int[bias.length];
        float[] scales = new float[bias.length];
        long[] zeros = new long[bias.length];
        for (int i = 0; i < bias.length; i++) {
            scales[i] = inputScale * weightScales[i];
            q[i] = (int) Math.round(bias[i] / (double) scales[i]);
        }
        QuantizationParametersT qp = new QuantizationParametersT();
        qp.setScale(scales);
        qp.setZeroPoint(zeros);
        qp.setQuantizedDimension(0);
        return addConstant(name, new int[] {bias.length}, TensorType.INT32, int32Bytes(q), qp);
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

    private byte[] write(int input, int output, String name) {
        SubGraphT g = new SubGraphT();
        g.setName(name);
        g.setTensors(tensors.toArray(new TensorT[0]));
        g.setOperators(operators.toArray(new OperatorT[0]));
        g.setInputs(new int[] {input});
        g.setOutputs(new int[] {output});
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
}
