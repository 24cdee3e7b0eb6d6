package wakeword.tools.tflite;

import static org.bytedeco.tensorflowlite.global.tensorflowlite.*;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tensorflowlite.TfLiteInterpreter;
import org.bytedeco.tensorflowlite.TfLiteInterpreterOptions;
import org.bytedeco.tensorflowlite.TfLiteModel;
import org.bytedeco.tensorflowlite.TfLiteTensor;
import wakeword.model.ModelManifest;
import wakeword.tools.tflite.StreamingExporter.StreamingExport;

/**
 * Runs an exported streaming model through the real TFLite interpreter (C API, one thread, built-in kernels),
 * independently of the daemon's runner: each step feeds the newest frames and the states the previous step returned.
 */
public final class StreamingRunner implements AutoCloseable {

    private final BytePointer modelBytes;
    private final TfLiteModel model;
    private final TfLiteInterpreterOptions options;
    private final TfLiteInterpreter interpreter;
    private final BytePointer frames;
    private final BytePointer out = new BytePointer(1);
    private final BytePointer[] states;

    public StreamingRunner(StreamingExport exported, int coefficients) {
        modelBytes = new BytePointer(exported.flatbuffer());
        model = TfLiteModelCreate(modelBytes, exported.flatbuffer().length);
        if (model == null || model.isNull()) throw new IllegalStateException("TFLite rejected the streaming flatbuffer");
        options = TfLiteInterpreterOptionsCreate();
        TfLiteInterpreterOptionsSetNumThreads(options, 1);
        interpreter = TfLiteInterpreterCreate(model, options);
        if (interpreter == null || interpreter.isNull()) throw new IllegalStateException("TFLite cannot build an interpreter");
        if (TfLiteInterpreterAllocateTensors(interpreter) != kTfLiteOk) throw new IllegalStateException("AllocateTensors failed");
        int n = exported.states().size();
        if (TfLiteInterpreterGetInputTensorCount(interpreter) != n + 1 || TfLiteInterpreterGetOutputTensorCount(interpreter) != n + 1) {
            throw new IllegalStateException("expected " + (n + 1) + " inputs and outputs");
        }
        frames = new BytePointer((long) exported.strideHops() * coefficients);
        states = new BytePointer[n];
        for (int j = 0; j < n; j++) {
            ModelManifest.State s = exported.states().get(j);
            states[j] = new BytePointer(s.bytes());
            // Any start works once the states have been replaced; the zero point is the quiet one.
            TfLiteTensor in = TfLiteInterpreterGetInputTensor(interpreter, j + 1);
            for (int b = 0; b < s.bytes(); b++) states[j].put(b, (byte) TfLiteTensorQuantizationParams(in).zero_point());
        }
    }

    /** One call: the newest frames (int8, oldest first) in, the int8 score out; the states carry over. */
    public byte step(byte[] newestFrames) {
        frames.put(newestFrames);
        check(TfLiteTensorCopyFromBuffer(TfLiteInterpreterGetInputTensor(interpreter, 0), frames, newestFrames.length));
        for (int j = 0; j < states.length; j++) {
            check(TfLiteTensorCopyFromBuffer(TfLiteInterpreterGetInputTensor(interpreter, j + 1), states[j], states[j].capacity()));
        }
        check(TfLiteInterpreterInvoke(interpreter));
        for (int j = 0; j < states.length; j++) {
            check(TfLiteTensorCopyToBuffer(TfLiteInterpreterGetOutputTensor(interpreter, j + 1), states[j], states[j].capacity()));
        }
        check(TfLiteTensorCopyToBuffer(TfLiteInterpreterGetOutputTensor(interpreter, 0), out, 1));
        return out.get(0);
    }

    private static void check(int status) {
        if (status != kTfLiteOk) throw new IllegalStateException("TFLite call failed with status " + status);
    }

    @Override
    public void close() {
        TfLiteInterpreterDelete(interpreter);
        TfLiteInterpreterOptionsDelete(options);
        TfLiteModelDelete(model);
        modelBytes.close();
        frames.close();
        out.close();
        for (BytePointer s : states) s.close();
    }
}
