package wakeword.tools.tflite;

/** Asymmetric int8 quantization of one tensor: real = scale * (q - zeroPoint). */
public record QuantRange(float scale, int zeroPoint) {

    /** Maps [min, max] (widened to include 0, as the kernels need an exact zero) onto -128..127. */
    public static QuantRange covering(float min, float max) {
        float lo = Math.min(min, 0f);
        float hi = Math.max(max, 0f);
        if (hi - lo < 1e-6f) hi = lo + 1e-6f;
        float scale = (hi - lo) / 255f;
        int zp = Math.round(-128 - lo / scale);
        return new QuantRange(scale, Math.max(-128, Math.min(127, zp)));
    }

    /** Rounds as the daemon's KeywordModel does (multiplying by the float inverse scale), so both give the same bytes. */
    public byte quantize(float x) {
        int q = Math.round(x * (1f / scale)) + zeroPoint;
        return (byte) Math.max(-128, Math.min(127, q));
    }

    public float dequantize(byte q) {
        return scale * (q - zeroPoint);
    }
}
