package wakeword.tools.tflite;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import wakeword.tools.nn.Architecture;
import wakeword.tools.nn.FloatModel;
import wakeword.tools.nn.Layer;

/**
 * Everything an int8 graph is written from: the layers, every activation grid, and each weighted layer's int8 kernel
 * and int32 bias as the .tflite stores them. Built either by quantizing a trained float model or by reading an
 * exported window model back ({@link WindowReader}), so a streaming form can be written from either with the same
 * {@link Int8Graph}.
 *
 * @param weights     by layer index, for the layers with weights only
 * @param logitOutput the graph outputs the logit (trained now); false: it ends in LOGISTIC (read back from the first
 *                    releases' files)
 */
public record Int8Parameters(Architecture architecture, Quantization quantization, Map<Integer, Weights> weights,
                             boolean logitOutput) {

    /**
     * One layer's int8 tensors: symmetric int8 kernel with {@code kernelScales} along {@code quantizedDimension} (one
     * scale for a per-tensor kernel), int32 bias with one scale per output channel.
     */
    public record Weights(byte[] kernel, float[] kernelScales, int quantizedDimension, int[] bias, float[] biasScales) {
        public Weights {
            kernel = kernel.clone();
            kernelScales = kernelScales.clone();
            bias = bias.clone();
            biasScales = biasScales.clone();
        }

        @Override
        public byte[] kernel() {
            return kernel.clone();
        }

        @Override
        public float[] kernelScales() {
            return kernelScales.clone();
        }

        @Override
        public int[] bias() {
            return bias.clone();
        }

        @Override
        public float[] biasScales() {
            return biasScales.clone();
        }
    }

    public Int8Parameters {
        weights = Map.copyOf(weights);
        for (int i = 0; i < architecture.layers().size(); i++) {
            if (architecture.layers().get(i).hasWeights() != weights.containsKey(i)) {
                throw new IllegalArgumentException("layer " + i + " weights do not match its kind");
            }
        }
    }

    public Weights layer(int i) {
        Weights w = weights.get(i);
        if (w == null) throw new IllegalArgumentException("layer " + i + " has no weights");
        return w;
    }

    /**
     * Per-output-channel symmetric int8 conv and depthwise kernels, a per-tensor FC kernel, and biases on the grid
     * input_scale * weight_scale, which the int8 kernels require.
     */
    public static Int8Parameters quantize(FloatModel model, Quantization quant) {
        Architecture arch = model.architecture();
        Map<Integer, Weights> out = new HashMap<>();
        List<Layer> layers = arch.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            if (!layer.hasWeights()) continue;
            float[] k = model.weights().kernel(i);
            int[] kshape = arch.kernelShape(i);
            float[] scales;
            float[] stored;
            int dimension;
            boolean channelsLast = layer instanceof Layer.Depthwise;
            if (layer instanceof Layer.Dense d) {
                float scale = maxAbs(k) / 127f;
                scales = new float[d.units()];
                java.util.Arrays.fill(scales, scale);
                stored = new float[] {scale};
                dimension = 0;
            } else {
                scales = perChannelScales(k, channelsLast ? kshape[3] : kshape[0], channelsLast);
                stored = scales;
                dimension = channelsLast ? 3 : 0;
            }
            float[] bias = model.weights().bias(i);
            float inputScale = quant.inputOf(i).scale();
            int[] q = new int[bias.length];
            float[] biasScales = new float[bias.length];
            for (int c = 0; c < bias.length; c++) {
                biasScales[c] = inputScale * scales[c];
                q[c] = (int) Math.round(bias[c] / (double) biasScales[c]);
            }
            out.put(i, new Weights(quantizeWeights(k, scales, channelsLast), stored, dimension, q, biasScales));
        }
        return new Int8Parameters(arch, quant, out, true);
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

    private static float maxAbs(float[] k) {
        float m = 1e-8f;
        for (float v : k) m = Math.max(m, Math.abs(v));
        return m;
    }
}
