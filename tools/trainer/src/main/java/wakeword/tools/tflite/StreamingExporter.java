package wakeword.tools.tflite;

import java.util.ArrayList;
import java.util.List;
import wakeword.model.ModelManifest;
import wakeword.model.ModelManifest.State;
import wakeword.tools.nn.Architecture;
import wakeword.tools.nn.Dims;
import wakeword.tools.nn.FloatModel;
import wakeword.tools.nn.Layer;

/**
 * Writes the streaming form of a model whose layers are all VALID in time: each call takes the newest
 * {@code stride} frames (the first layer's time stride) and computes one new time step of every layer. A layer whose
 * kernel spans k rows keeps the last k - 1 rows of its input as state: CONCATENATION of the state input and the new
 * row, the layer on that, and a SLICE of the last k - 1 rows as the state output the caller feeds back next time. The
 * global average pool keeps the last (rows - 1) outputs of the layer before it and averages them with the new one,
 * with the same AVERAGE_POOL_2D as the window model. Every op, weight and grid is the window model's, so the scores
 * are the window model's: each int8 output row is computed from the same int8 input rows by the same kernel.
 *
 * <p>Graph inputs: {@code frames} [1, stride, coefficients, 1], then the states; outputs: {@code score}, then the
 * next states, in the same order.
 */
public final class StreamingExporter {

    /**
     * The streaming .tflite and what the daemon needs to run it.
     *
     * @param strideHops      frames per call
     * @param receptiveFrames how many of the window's frames the window model's score depends on (the first ones)
     */
    public record StreamingExport(byte[] flatbuffer, int strideHops, int receptiveFrames, List<State> states) {
        public StreamingExport {
            states = List.copyOf(states);
        }

        /** The manifest's streaming block for this model written as {@code fileName} beside the manifest. */
        public ModelManifest.Streaming manifestBlock(String fileName) {
            return new ModelManifest.Streaming(fileName, strideHops, receptiveFrames, states);
        }
    }

    private StreamingExporter() {
    }

    /** Whether {@link #export} can stream this architecture (no padding or pooling across time but the last pool). */
    public static boolean streamable(Architecture arch) {
        return problem(arch) == null;
    }

    public static StreamingExport export(FloatModel model, Quantization quant) {
        return export(Int8Parameters.quantize(model, quant));
    }

    /** The streaming form of exactly these int8 parameters (a trained model's, or a window .tflite's read back). */
    public static StreamingExport export(Int8Parameters params) {
        Architecture arch = params.architecture();
        Quantization quant = params.quantization();
        String problem = problem(arch);
        if (problem != null) throw new IllegalArgumentException(arch.name() + " cannot stream: " + problem);
        Layer.Conv first = (Layer.Conv) arch.layers().get(0);
        int stride = first.sh();
        Int8Graph g = new Int8Graph(params);
        Dims in = arch.inputDims();
        int frames = g.activation("frames", new int[] {1, stride, in.w(), 1}, quant.input());
        List<Integer> inputs = new ArrayList<>(List.of(frames));
        List<Integer> nextStates = new ArrayList<>();
        List<State> states = new ArrayList<>();
        int current = frames;
        for (int i = 0; i < arch.layers().size(); i++) {
            int rows = timeSpan(arch, i);
            int fresh = g.shape(current)[1];
            if (rows > fresh) {
                int[] shape = g.shape(current);
                shape[1] = rows - fresh;
                String name = "state" + states.size();
                int state = g.activation(name, shape, quant.inputOf(i));
                int window = g.concatRows("layer" + i + "/window", state, current);
                nextStates.add(g.lastRows(name + "/next", window, rows - fresh));
                inputs.add(state);
                states.add(new State(name, name + "/next", toList(shape)));
                current = window;
            }
            current = g.layer(i, current);
        }
        List<Integer> outputs = new ArrayList<>(List.of(g.score(current)));
        outputs.addAll(nextStates);
        byte[] flatbuffer = g.write(inputs.stream().mapToInt(Integer::intValue).toArray(),
                outputs.stream().mapToInt(Integer::intValue).toArray(), arch.name() + "-stream");
        int receptive = (arch.shapes().get(0).h() - 1) * stride + first.kh();
        return new StreamingExport(flatbuffer, stride, receptive, states);
    }

    /** Rows of its input layer {@code i} needs for one output row; 0 for layers without a time axis. */
    private static int timeSpan(Architecture arch, int i) {
        Layer l = arch.layers().get(i);
        if (l instanceof Layer.Conv c) return c.kh();
        if (l instanceof Layer.Depthwise c) return c.kh();
        if (l instanceof Layer.GlobalAvgPool) return arch.inputOf(i).h();
        return 0;
    }

    private static String problem(Architecture arch) {
        if (!(arch.layers().get(0) instanceof Layer.Conv)) return "the first layer is not a convolution";
        boolean pooled = false;
        for (int i = 0; i < arch.layers().size(); i++) {
            Layer l = arch.layers().get(i);
            int kh = l instanceof Layer.Conv c ? c.kh() : l instanceof Layer.Depthwise c ? c.kh() : 1;
            int sh = l instanceof Layer.Conv c ? c.sh() : l instanceof Layer.Depthwise c ? c.sh() : 1;
            Layer.Padding p = l instanceof Layer.Conv c ? c.padding() : l instanceof Layer.Depthwise c ? c.padding()
                    : Layer.Padding.VALID;
            if (l instanceof Layer.MaxPool) return "layer " + i + " pools across time";
            if (pooled && !(l instanceof Layer.Dense || l instanceof Layer.Dropout)) {
                return "layer " + i + " follows the global pool but is not dense";
            }
            if (!pooled && l instanceof Layer.Dense) return "layer " + i + " is dense before any global pool";
            if (p == Layer.Padding.SAME && (kh > 1 || sh > 1)) return "layer " + i + " pads across time (SAME)";
            if (i > 0 && sh != 1) return "layer " + i + " has a time stride (only the first layer may)";
            if (l instanceof Layer.GlobalAvgPool) pooled = true;
        }
        return pooled ? null : "no global average pool";
    }

    private static List<Integer> toList(int[] a) {
        List<Integer> out = new ArrayList<>();
        for (int v : a) out.add(v);
        return out;
    }
}
