package wakeword.tools.tflite;

import static org.bytedeco.tensorflowlite.global.tensorflowlite.*;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tensorflowlite.TfLiteInterpreter;
import org.bytedeco.tensorflowlite.TfLiteInterpreterOptions;
import org.bytedeco.tensorflowlite.TfLiteModel;
import wakeword.model.ModelManifest;

/**
 * Runs an exported model through the real TFLite interpreter (C API, one thread), independently of the daemon's
 * runner: the proof that the file we wrote is what the kernels accept.
 */
public final class TfliteRunner implements AutoCloseable {

    private final BytePointer modelBytes;
    private final TfLiteModel model;
    private final TfLiteInterpreterOptions options;
    private final TfLiteInterpreter interpreter;
    private final BytePointer in;
    private final BytePointer out = new BytePointer(1);
    private final Int8Model exported;
    private final ModelManifest.Output scores;

    public TfliteRunner(Int8Model exported, int inputSize) {
        this.exported = exported;
        this.scores = exported.manifestOutput();
        modelBytes = new BytePointer(exported.flatbuffer());
        model = TfLiteModelCreate(modelBytes, exported.flatbuffer().length);
        if (model == null || model.isNull()) throw new IllegalStateException("TFLite rejected the flatbuffer");
        options = TfLiteInterpreterOptionsCreate();
        TfLiteInterpreterOptionsSetNumThreads(options, 1);
        interpreter = TfLiteInterpreterCreate(model, options);
        if (interpreter == null || interpreter.isNull()) throw new IllegalStateException("TFLite cannot build an interpreter");
        if (TfLiteInterpreterAllocateTensors(interpreter) != kTfLiteOk) throw new IllegalStateException("AllocateTensors failed");
        in = new BytePointer(inputSize);
    }

    /** Quantizes {@code features} with the model's input range, invokes, and returns the 0..1 score. */
    public float score(float[] features) {
        byte[] q = new byte[features.length];
        for (int i = 0; i < q.length; i++) q[i] = exported.input().quantize(features[i]);
        return scores.score(invoke(q));
    }

    public byte invoke(byte[] input) {
        in.put(input);
        if (TfLiteTensorCopyFromBuffer(TfLiteInterpreterGetInputTensor(interpreter, 0), in, input.length) != kTfLiteOk) {
            throw new IllegalStateException("input size mismatch: " + input.length);
        }
        if (TfLiteInterpreterInvoke(interpreter) != kTfLiteOk) throw new IllegalStateException("Invoke failed");
        TfLiteTensorCopyToBuffer(TfLiteInterpreterGetOutputTensor(interpreter, 0), out, 1);
        return out.get(0);
    }

    @Override
    public void close() {
        TfLiteInterpreterDelete(interpreter);
        TfLiteInterpreterOptionsDelete(options);
        TfLiteModelDelete(model);
        modelBytes.close();
        in.close();
        out.close();
    }
}
