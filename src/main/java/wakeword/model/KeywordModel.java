package wakeword.model;

import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteFloat32;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteInt8;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteOk;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteModelCreateWithErrorReporter;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteModelDelete;

import java.io.IOException;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.tinylog.Logger;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.BuiltinOpResolver;
import org.bytedeco.tensorflowlite.BuiltinOpResolverWithoutDefaultDelegates;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;
import org.bytedeco.tensorflowlite.Reporter_Pointer_BytePointer_Pointer;
import org.bytedeco.tensorflowlite.TfLiteModel;
import org.bytedeco.tensorflowlite.TfLiteTensor;

/**
 * The int8 keyword model run by the real TFLite interpreter over a sliding window of feature frames.
 *
 * <p>Each frame is quantized once, on arrival, into a native ring that holds every frame twice (at i and
 * i + frames), so the newest window is always one contiguous block: one memcpy into the input tensor per
 * hop, no Java allocation, no re-quantizing old frames.
 */
public final class KeywordModel implements AutoCloseable {

    private final ModelManifest manifest;
    private final FlatBufferModel model;
    private final BuiltinOpResolver resolver;
    private final Interpreter interpreter;
    private final BytePointer inputData;
    private final BytePointer outputData;
    private final BytePointer ring;
    private final int frames;
    private final int coefficients;
    private final int frameBytes;
    private final float inverseInputScale;
    private final int inputZeroPoint;
    private final float outputScale;
    private final int outputZeroPoint;
    private final boolean xnnpack;
    private int next;
    private int filled;
    private float lastScore;

    /** Loads {@code modelFile} and checks it against {@code manifest}: input shape, int8 types, one output. */
    public KeywordModel(Path modelFile, ModelManifest manifest, InferenceOptions options) throws ModelException {
        this.manifest = manifest;
        this.frames = manifest.input().frames();
        this.coefficients = manifest.input().coefficients();
        this.frameBytes = coefficients;
        if (!Files.isReadable(modelFile)) {
            throw new ModelException("model file " + modelFile + " is missing or unreadable: set 'model' in the config"
                    + " to an existing .tflite (the shipped one is models/stop.tflite)");
        }
        String rejection = flatbufferRejection(modelFile);
        if (rejection != null) {
            throw new ModelException("model file " + modelFile + " is not a TFLite flatbuffer (" + rejection
                    + "): point 'model' at a .tflite written by tools/train");
        }
        model = FlatBufferModel.VerifyAndBuildFromFile(modelFile.toString());
        if (model == null || model.isNull()) {
            throw new ModelException("model file " + modelFile + " is not a TFLite flatbuffer: point 'model' at a"
                    + " .tflite written by tools/train");
        }
        BuiltinOpResolver chosenResolver = null;
        Interpreter built = null;
        if (options.xnnpack()) {
            chosenResolver = new BuiltinOpResolver();
            built = buildInterpreter(model, chosenResolver, options.threads());
            if (built == null) {
                // XNNPACK declines some graphs (TFLite prints which node); the built-in kernels run every int8 op.
                chosenResolver.close();
                Logger.warn("XNNPACK cannot run {}; using TFLite's built-in kernels", modelFile);
            }
        }
        xnnpack = built != null;
        if (built == null) {
            chosenResolver = new BuiltinOpResolverWithoutDefaultDelegates();
            built = buildInterpreter(model, chosenResolver, options.threads());
        }
        resolver = chosenResolver;
        interpreter = built;
        if (interpreter == null) {
            close();
            throw new ModelException("TFLite cannot build and allocate an interpreter for " + modelFile
                    + " (an operator this runtime lacks?): re-export it with tools/train");
        }
        TfLiteTensor input = interpreter.input_tensor(0);
        TfLiteTensor output = interpreter.output_tensor(0);
        String expected = "int8 input [1, " + frames + ", " + coefficients + ", 1] (from " + manifest.name()
                + "'s manifest) and one int8 output";
        String actual = describe(input) + " input and " + describe(output) + " output";
        long inputCount = input.bytes();
        if (input.type() != kTfLiteInt8 || output.type() != kTfLiteInt8 || inputCount != (long) frames * coefficients
                || output.bytes() != 1 || !shapeMatches(input)) {
            close();
            throw new ModelException("model " + modelFile + " does not match its manifest: expected " + expected
                    + ", got " + actual + "; use the .tflite and .json written together by tools/train");
        }
        inverseInputScale = 1f / input.params().scale();
        inputZeroPoint = input.params().zero_point();
        outputScale = output.params().scale();
        outputZeroPoint = output.params().zero_point();
        inputData = interpreter.typed_input_tensor_byte(0);
        outputData = interpreter.typed_output_tensor_byte(0);
        ring = new BytePointer(2L * frames * frameBytes);
        reset();
    }

    public ModelManifest manifest() {
        return manifest;
    }

    /** What runs the model: "xnnpack" (the delegate) or "builtin" (TFLite's own kernels, also XNNPACK's fallback). */
    public String kernels() {
        return xnnpack ? "xnnpack" : "builtin";
    }

    /** Forgets all frames, as at start. */
    public void reset() {
        next = 0;
        filled = 0;
        lastScore = 0;
    }

    /**
     * Adds the newest feature frame and, once a whole window has arrived, scores it.
     *
     * @return true when {@link #lastScore()} now holds the score of the window ending with this frame
     */
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
        if (interpreter.Invoke() != kTfLiteOk) {
            throw new IllegalStateException("TFLite Invoke failed on a model that loaded and allocated cleanly");
        }
        lastScore = (outputData.get(0) - outputZeroPoint) * outputScale;
        return true;
    }

    /** The dequantized 0..1 score of the latest full window. */
    public float lastScore() {
        return lastScore;
    }

    @Override
    public void close() {
        if (ring != null) ring.close();
        if (interpreter != null) interpreter.close();
        if (resolver != null) resolver.close();
        if (model != null) model.close();
    }

    /**
     * Why TFLite's verifier rejects the file, or null when it accepts it. The C++ loader reports a bad file on
     * the process's stderr through TFLite's default reporter, which would add raw native lines beside the CLI's
     * one-line error; the C API takes a reporter, so the file is verified through it first, silently.
     */
    private static String flatbufferRejection(Path modelFile) throws ModelException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(modelFile);
        } catch (IOException e) {
            throw new ModelException("cannot read model file " + modelFile + " (" + e.getMessage()
                    + "): check the path and its permissions", e);
        }
        StringBuilder reported = new StringBuilder();
        // TFLite passes a printf format and a va_list; the formats of the verifier's messages take no arguments.
        Reporter_Pointer_BytePointer_Pointer reporter = new Reporter_Pointer_BytePointer_Pointer() {
            @Override
            public void call(Pointer userData, BytePointer format, Pointer args) {
                if (reported.length() == 0) reported.append(format.getString().strip());
            }
        };
        try (BytePointer data = new BytePointer(Math.max(1, bytes.length))) {
            data.put(bytes, 0, bytes.length);
            TfLiteModel checked = TfLiteModelCreateWithErrorReporter(data, bytes.length, reporter, null);
            if (checked != null && !checked.isNull()) {
                TfLiteModelDelete(checked);
                return null;
            }
            return reported.length() > 0 ? reported.toString() : "TFLite rejects it";
        } finally {
            reporter.close();
        }
    }

    /** An interpreter with its tensors allocated, or null (and nothing left open) when TFLite refuses. */
    private static Interpreter buildInterpreter(FlatBufferModel model, BuiltinOpResolver resolver, int threads) {
        Interpreter candidate = new Interpreter((Pointer) null);
        InterpreterBuilder builder = new InterpreterBuilder(model, resolver);
        builder.SetNumThreads(threads);
        boolean ok = builder.apply(candidate) == kTfLiteOk && !candidate.isNull()
                && candidate.AllocateTensors() == kTfLiteOk;
        builder.close();
        if (!ok) {
            candidate.close();
            return null;
        }
        return candidate;
    }

    private boolean shapeMatches(TfLiteTensor input) {
        var dims = input.dims();
        int n = dims.size();
        if (n < 3 || n > 4 || dims.data(0) != 1 || dims.data(1) != frames || dims.data(2) != coefficients) return false;
        return n == 3 || dims.data(3) == 1;
    }

    private static String describe(TfLiteTensor t) {
        StringBuilder s = new StringBuilder(t.type() == kTfLiteInt8 ? "int8" : t.type() == kTfLiteFloat32 ? "float32" : "type#" + t.type()).append(" [");
        var dims = t.dims();
        for (int i = 0; i < dims.size(); i++) s.append(i > 0 ? ", " : "").append(dims.data(i));
        return s.append(']').toString();
    }
}
