package wakeword.tools.tflite;

/**
 * An exported full-integer model: the .tflite bytes and the quantization of its input and output, which the
 * manifest passes on to the daemon.
 */
public record Int8Model(byte[] flatbuffer, QuantRange input, QuantRange output) {}
