package wakeword.tools.nn;

/** An activation's shape without the batch: rows (time frames), columns (coefficients), channels. */
public record Dims(int h, int w, int c) {

    public int size() {
        return h * w * c;
    }

    public static int outLength(int in, int k, int stride, Layer.Padding p) {
        return p == Layer.Padding.SAME ? (in + stride - 1) / stride : (in - k) / stride + 1;
    }

    /** Zeros added before the first row/column for SAME padding, as TensorFlow and TFLite both place them. */
    static int padBefore(int in, int k, int stride, Layer.Padding p) {
        if (p == Layer.Padding.VALID) return 0;
        int out = outLength(in, k, stride, p);
        return Math.max((out - 1) * stride + k - in, 0) / 2;
    }
}
