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
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.BuiltinOpResolver;
import org.bytedeco.tensorflowlite.BuiltinOpResolverWithoutDefaultDelegates;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;
import org.bytedeco.tensorflowlite.Reporter_Pointer_BytePointer_Pointer;
import org.bytedeco.tensorflowlite.TfLiteModel;
import org.bytedeco.tensorflowlite.TfLiteTensor;
import org.tinylog.Logger;

/** A .tflite file loaded into the real TFLite interpreter with its tensors allocated; what both model forms share. */
final class TfliteInterpreter implements AutoCloseable {

    private final FlatBufferModel model;
    private final BuiltinOpResolver resolver;
    private final Interpreter interpreter;
    private final boolean xnnpack;

    private TfliteInterpreter(FlatBufferModel model, BuiltinOpResolver resolver, Interpreter interpreter, boolean xnnpack) {
        this.model = model;
        this.resolver = resolver;
        this.interpreter = interpreter;
        this.xnnpack = xnnpack;
    }

    /** Verifies and loads {@code modelFile}; XNNPACK when asked and it accepts the graph, else the built-in kernels. */
    static TfliteInterpreter load(Path modelFile, InferenceOptions options) throws ModelException {
        if (!Files.isReadable(modelFile)) {
            throw new ModelException("model file " + modelFile + " is missing or unreadable: set 'model' in the config"
                    + " to an existing .tflite (the shipped one is models/stop.tflite)");
        }
        String rejection = flatbufferRejection(modelFile);
        if (rejection != null) {
            throw new ModelException("model file " + modelFile + " is not a TFLite flatbuffer (" + rejection
                    + "): point 'model' at a .tflite written by tools/train");
        }
        FlatBufferModel model = FlatBufferModel.VerifyAndBuildFromFile(modelFile.toString());
        if (model == null || model.isNull()) {
            throw new ModelException("model file " + modelFile + " is not a TFLite flatbuffer: point 'model' at a"
                    + " .tflite written by tools/train");
        }
        BuiltinOpResolver resolver = null;
        Interpreter built = null;
        if (options.xnnpack()) {
            resolver = new BuiltinOpResolver();
            built = buildInterpreter(model, resolver, options.threads());
            if (built == null) {
                // XNNPACK declines some graphs (TFLite prints which node); the built-in kernels run every int8 op.
                resolver.close();
                Logger.warn("XNNPACK cannot run {}; using TFLite's built-in kernels", modelFile);
            }
        }
        boolean xnnpack = built != null;
        if (built == null) {
            resolver = new BuiltinOpResolverWithoutDefaultDelegates();
            built = buildInterpreter(model, resolver, options.threads());
        }
        if (built == null) {
            resolver.close();
            model.close();
            throw new ModelException("TFLite cannot build and allocate an interpreter for " + modelFile
                    + " (an operator this runtime lacks?): re-export it with tools/train");
        }
        return new TfliteInterpreter(model, resolver, built, xnnpack);
    }

    Interpreter interpreter() {
        return interpreter;
    }

    /** "xnnpack" when the delegate runs the graph, else "builtin". */
    String kernels() {
        return xnnpack ? "xnnpack" : "builtin";
    }

    int inputCount() {
        return (int) interpreter.inputs().limit();
    }

    int outputCount() {
        return (int) interpreter.outputs().limit();
    }

    /** Runs the graph once; a failure here is a bug, since the graph loaded and allocated cleanly. */
    void invoke() {
        if (interpreter.Invoke() != kTfLiteOk) {
            throw new IllegalStateException("TFLite Invoke failed on a model that loaded and allocated cleanly");
        }
    }

    @Override
    public void close() {
        interpreter.close();
        resolver.close();
        model.close();
    }

    /**
     * How output 0's int8 values become scores, checked against the manifest's output block. On a mismatch this
     * interpreter is closed, since the model that owns it will not be built.
     */
    ModelManifest.Output scoreGrid(ModelManifest manifest, Path modelFile) throws ModelException {
        TfLiteTensor output = interpreter.output_tensor(0);
        try {
            return manifest.output().onTensorGrid(output.params().scale(), output.params().zero_point(), modelFile);
        } catch (ModelException e) {
            close();
            throw e;
        }
    }

    /** True when the tensor is int8 with exactly the dimensions given. */
    static boolean isInt8(TfLiteTensor t, int... dims) {
        if (t.type() != kTfLiteInt8 || t.dims().size() != dims.length) return false;
        for (int i = 0; i < dims.length; i++) {
            if (t.dims().data(i) != dims[i]) return false;
        }
        return true;
    }

    /** True for an int8 tensor of one element (the score), whatever its rank. */
    static boolean isInt8Scalar(TfLiteTensor t) {
        return t.type() == kTfLiteInt8 && t.bytes() == 1;
    }

    static String describe(TfLiteTensor t) {
        StringBuilder s = new StringBuilder(t.type() == kTfLiteInt8 ? "int8" : t.type() == kTfLiteFloat32 ? "float32" : "type#" + t.type()).append(" [");
        var dims = t.dims();
        for (int i = 0; i < dims.size(); i++) s.append(i > 0 ? ", " : "").append(dims.data(i));
        return s.append(']').toString();
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
}
