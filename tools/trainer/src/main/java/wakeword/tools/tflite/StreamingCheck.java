package wakeword.tools.tflite;

import java.util.Arrays;
import wakeword.tools.tflite.StreamingExporter.StreamingExport;

/**
 * Window and streaming model side by side over one long feature sequence, both in the real TFLite interpreter: the
 * streaming score after frame n against the window model's after frame n + frames - receptive_frames, at every hop
 * where both score.
 *
 * @param compared     hops where both scored
 * @param maxSteps     largest difference, in int8 output steps
 * @param identical    hops with bit-identical scores
 */
public record StreamingCheck(int compared, int maxSteps, int identical) {

    /** {@code features}: frames x coefficients, row-major, real-valued (quantized here with the model's input grid). */
    public static StreamingCheck run(Int8Model window, StreamingExport stream, int frames, int coefficients, float[] features) {
        int n = features.length / coefficients;
        byte[] q = new byte[features.length];
        for (int i = 0; i < q.length; i++) q[i] = window.input().quantize(features[i]);
        int stride = stream.strideHops();
        int receptive = stream.receptiveFrames();
        int lag = frames - receptive;
        int compared = 0;
        int identical = 0;
        int maxSteps = 0;
        try (TfliteRunner whole = new TfliteRunner(window, frames * coefficients);
             StreamingRunner streaming = new StreamingRunner(stream, coefficients)) {
            // Counted from 1, a call after frame c covers frames c - stride + 1 .. c when c = receptive (mod stride).
            for (int c = receptive - (receptive - stride) / stride * stride; c <= n; c += stride) {
                byte s = streaming.step(Arrays.copyOfRange(q, (c - stride) * coefficients, c * coefficients));
                int w = c + lag;
                if (c < receptive || w > n) continue;
                byte expected = whole.invoke(Arrays.copyOfRange(q, (w - frames) * coefficients, w * coefficients));
                int steps = Math.abs(s - expected);
                maxSteps = Math.max(maxSteps, steps);
                if (steps == 0) identical++;
                compared++;
            }
        }
        return new StreamingCheck(compared, maxSteps, identical);
    }
}
