package wakeword.model;

import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.TfLiteTensor;

/**
 * The keyword model over a sliding window of feature frames: the whole window is run every hop.
 *
 * <p>Each frame is quantized once, on arrival, into a native ring that holds every frame twice (at i and
 * i + frames), so the newest window is always one contiguous block: one memcpy into the input tensor per
 * hop, no Java allocation, no re-quantizing old frames.
 */
public final class WindowModel implements KeywordModel {

    private final ModelManifest manifest;
    private final TfliteInterpreter tflite;
    private final BytePointer inputData;
    private final BytePointer outputData;
    private final BytePointer ring;
    private final int frames;
    private final int coefficients;
    private final int frameBytes;
    private final float inverseInputScale;
    private final int inputZeroPoint;
    private final ModelManifest.Output scoreOf;
    private int next;
    private int filled;
    private float lastScore;

    /** Loads {@code modelFile} and checks it against {@code manifest}: input shape, int8 types, one output. */
    public WindowModel(Path modelFile, ModelManifest manifest, InferenceOptions options) throws ModelException {
        this.manifest = manifest;
        this.frames = manifest.input().frames();
        this.coefficients = manifest.input().coefficients();
        this.frameBytes = coefficients;
        tflite = TfliteInterpreter.load(modelFile, options);
        TfLiteTensor input = tflite.interpreter().input_tensor(0);
        TfLiteTensor output = tflite.interpreter().output_tensor(0);
        if (!(TfliteInterpreter.isInt8(input, 1, frames, coefficients, 1) || TfliteInterpreter.isInt8(input, 1, frames, coefficients))
                || !TfliteInterpreter.isInt8Scalar(output) || tflite.inputCount() != 1 || tflite.outputCount() != 1) {
            String expected = "int8 input [1, " + frames + ", " + coefficients + ", 1] (from " + manifest.name()
                    + "'s manifest) and one int8 output";
            String actual = TfliteInterpreter.describe(input) + " input and " + TfliteInterpreter.describe(output) + " output";
            tflite.close();
            throw new ModelException("model " + modelFile + " does not match its manifest: expected " + expected
                    + ", got " + actual + "; use the .tflite and .json written together by tools/train");
        }
        inverseInputScale = 1f / input.params().scale();
        inputZeroPoint = input.params().zero_point();
        scoreOf = tflite.scoreGrid(manifest, modelFile);
        inputData = tflite.interpreter().typed_input_tensor_byte(0);
        outputData = tflite.interpreter().typed_output_tensor_byte(0);
        ring = new BytePointer(2L * frames * frameBytes);
        reset();
    }

    @Override
    public ModelManifest manifest() {
        return manifest;
    }

    @Override
    public String kernels() {
        return tflite.kernels();
    }

    @Override
    public void reset() {
        next = 0;
        filled = 0;
        lastScore = 0;
    }

    /** Scores the window ending with this frame once a whole window has arrived. */
    @Override
    public boolean pushFrame(float[] frame) {
        long first = (long) next * frameBytes;
        long second = first + (long) frames * frameBytes;
        for (int k = 0; k < coefficients; k++) {
            int q = Math.round(frame[k] * inverseInputScale) + inputZeroPoint;
            byte b = (byte) Math.max(-128, Math.min(127, q));
            ring.put(first + k, b);
            ring.put(second + k, b);
        }
        next = next + 1 == frames ? 0 : next + 1;
        if (filled < frames) {
            filled++;
            if (filled < frames) return false;
        }
        // After the write, 'next' is the oldest frame of the window in the doubled ring.
        Pointer.memcpy(inputData, ring.position((long) next * frameBytes), (long) frames * frameBytes);
        ring.position(0);
        tflite.invoke();
        lastScore = scoreOf.score(outputData.get(0));
        return true;
    }

    @Override
    public float lastScore() {
        return lastScore;
    }

    @Override
    public void close() {
        ring.close();
        tflite.close();
    }
}
