package wakeword.tools.nn;

/**
 * One layer of a small keyword-spotting CNN. The same description drives the TensorFlow training graph,
 * the Java float reference, the int8 quantizer and the .tflite writer, so the four cannot drift apart.
 */
public sealed interface Layer {

    enum Padding { SAME, VALID }

    /** Regular 2-D convolution; the input has {@code in} channels (known from the previous layer). */
    record Conv(int kh, int kw, int sh, int sw, int filters, Padding padding, boolean relu) implements Layer {}

    /** Depthwise 3x3-style convolution with channel multiplier 1. */
    record Depthwise(int kh, int kw, int sh, int sw, Padding padding, boolean relu) implements Layer {}

    record MaxPool(int kh, int kw, int sh, int sw) implements Layer {}

    /** Average over all remaining rows and columns (one value per channel). */
    record GlobalAvgPool() implements Layer {}

    /** Fully connected layer on the flattened (row, column, channel) input. */
    record Dense(int units, boolean relu) implements Layer {}

    /** Training-only; exported models skip it. */
    record Dropout(double rate) implements Layer {}

    default boolean hasWeights() {
        return this instanceof Conv || this instanceof Depthwise || this instanceof Dense;
    }
}
