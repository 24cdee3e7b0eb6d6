package wakeword.model;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.TfLiteTensor;

/**
 * The keyword model in its streaming form (the manifest's {@code streaming} block): input 0 takes the newest
 * {@code stride_hops} frames, inputs 1.. the layers' carried state; output 0 is the score, outputs 1.. the state for
 * the next call. Each call computes one new time step of every layer, a few percent of the window model's work.
 *
 * <p>What the trigger sees: a new score every {@code stride_hops} hops, the same one held on the hops between. The
 * score after frame n is bit for bit the window model's after frame n + frames - receptive_frames (with the shipped
 * 49-frame window, the window model's score one hop later: its newest frame never reaches its output).
 *
 * <p>Per call: the new frames are quantized straight into the input tensor (through a ByteBuffer view, not a JNI
 * call per value), and after Invoke each state output is copied onto its input with one memcpy; nothing is
 * allocated.
 */
public final class StreamingModel implements KeywordModel {

    private final ModelManifest manifest;
    private final TfliteInterpreter tflite;
    private final BytePointer framesIn;
    /** Views of the input and score tensors: Java writes and reads them without a JNI call per value. */
    private final ByteBuffer framesView;
    private final ByteBuffer scoreView;
    private final BytePointer[] stateIn;
    private final BytePointer[] stateOut;
    private final long[] stateBytes;
    private final byte[] stateZeroPoint;
    private final int coefficients;
    private final int stride;
    private final int receptive;
    private final int phase;
    private final float inverseInputScale;
    private final int inputZeroPoint;
    private final ModelManifest.Output scoreOf;
    private long count;
    private float lastScore;

    /** Loads {@code modelFile} and checks it against the manifest's input and streaming blocks. */
    public StreamingModel(Path modelFile, ModelManifest manifest, InferenceOptions options) throws ModelException {
        ModelManifest.Streaming streaming = manifest.streaming();
        if (streaming == null) {
            throw new IllegalArgumentException("manifest " + manifest.name() + " has no streaming form");
        }
        this.manifest = manifest;
        this.coefficients = manifest.input().coefficients();
        this.stride = streaming.strideHops();
        this.receptive = streaming.receptiveFrames();
        // A call after frame n (counted from 1) covers frames n - receptive + 1 .. n when n = receptive (mod stride).
        this.phase = receptive % stride;
        tflite = TfliteInterpreter.load(modelFile, options);
        String problem = mismatch(streaming.states());
        if (problem != null) {
            tflite.close();
            throw new ModelException("streaming model " + modelFile + " does not match its manifest: " + problem
                    + "; use the .tflite files and .json written together by tools/train");
        }
        TfLiteTensor input = tflite.interpreter().input_tensor(0);
        inverseInputScale = 1f / input.params().scale();
        inputZeroPoint = input.params().zero_point();
        scoreOf = tflite.scoreGrid(manifest, modelFile);
        framesIn = tflite.interpreter().typed_input_tensor_byte(0);
        framesView = framesIn.capacity((long) stride * coefficients).asByteBuffer();
        scoreView = tflite.interpreter().typed_output_tensor_byte(0).capacity(1).asByteBuffer();
        int n = streaming.states().size();
        stateIn = new BytePointer[n];
        stateOut = new BytePointer[n];
        stateBytes = new long[n];
        stateZeroPoint = new byte[n];
        for (int j = 0; j < n; j++) {
            stateIn[j] = tflite.interpreter().typed_input_tensor_byte(j + 1);
            stateOut[j] = tflite.interpreter().typed_output_tensor_byte(j + 1);
            stateBytes[j] = streaming.states().get(j).bytes();
            stateZeroPoint[j] = (byte) tflite.interpreter().input_tensor(j + 1).params().zero_point();
        }
        reset();
    }

    /** What is wrong with the loaded graph's inputs and outputs against the manifest, or null. */
    private String mismatch(List<ModelManifest.State> states) {
        if (tflite.inputCount() != states.size() + 1 || tflite.outputCount() != states.size() + 1) {
            return "expected " + (states.size() + 1) + " inputs and outputs (frames and score, then "
                    + states.size() + " states), got " + tflite.inputCount() + " inputs and " + tflite.outputCount()
                    + " outputs";
        }
        TfLiteTensor input = tflite.interpreter().input_tensor(0);
        if (!TfliteInterpreter.isInt8(input, 1, stride, coefficients, 1)) {
            return "input 0 should be the int8 [1, " + stride + ", " + coefficients + ", 1] newest frames, got "
                    + TfliteInterpreter.describe(input);
        }
        TfLiteTensor output = tflite.interpreter().output_tensor(0);
        if (!TfliteInterpreter.isInt8Scalar(output)) {
            return "output 0 should be the one int8 score, got " + TfliteInterpreter.describe(output);
        }
        for (int j = 0; j < states.size(); j++) {
            ModelManifest.State s = states.get(j);
            int[] shape = s.shape().stream().mapToInt(Integer::intValue).toArray();
            TfLiteTensor in = tflite.interpreter().input_tensor(j + 1);
            TfLiteTensor out = tflite.interpreter().output_tensor(j + 1);
            if (!s.input().equals(in.name().getString()) || !s.output().equals(out.name().getString())
                    || !TfliteInterpreter.isInt8(in, shape) || !TfliteInterpreter.isInt8(out, shape)
                    || in.params().zero_point() != out.params().zero_point() || in.params().scale() != out.params().scale()) {
                return "state " + j + " should be int8 " + s.shape() + " named " + s.input() + " / " + s.output()
                        + " and quantized alike, got " + in.name().getString() + " " + TfliteInterpreter.describe(in)
                        + " / " + out.name().getString() + " " + TfliteInterpreter.describe(out);
            }
        }
        return null;
    }

    @Override
    public ModelManifest manifest() {
        return manifest;
    }

    @Override
    public String kernels() {
        return tflite.kernels();
    }

    /** Forgets all frames; the states start at their zero point, and every value in them is replaced before it counts. */
    @Override
    public void reset() {
        count = 0;
        lastScore = 0;
        for (int j = 0; j < stateIn.length; j++) Pointer.memset(stateIn[j], stateZeroPoint[j], stateBytes[j]);
        Pointer.memset(framesIn, inputZeroPoint, (long) stride * coefficients);
    }

    @Override
    public boolean pushFrame(float[] frame) {
        int row = (int) Math.floorMod(count - phase, (long) stride);
        int at = row * coefficients;
        for (int k = 0; k < coefficients; k++) {
            int q = Math.round(frame[k] * inverseInputScale) + inputZeroPoint;
            framesView.put(at + k, (byte) Math.max(-128, Math.min(127, q)));
        }
        count++;
        if (row == stride - 1) {
            tflite.invoke();
            for (int j = 0; j < stateIn.length; j++) Pointer.memcpy(stateIn[j], stateOut[j], stateBytes[j]);
            if (count >= receptive) lastScore = scoreOf.score(scoreView.get(0));
        }
        return count >= receptive;
    }

    @Override
    public float lastScore() {
        return lastScore;
    }

    @Override
    public void close() {
        tflite.close();
    }
}
