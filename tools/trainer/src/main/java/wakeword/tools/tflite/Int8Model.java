package wakeword.tools.tflite;

import wakeword.model.ModelManifest;

/**
 * An exported full-integer model: the .tflite bytes and the quantization of its input and output, which the
 * manifest passes on to the daemon.
 *
 * @param logit true where the output is the logit (the score is its sigmoid), false where it is LOGISTIC's score
 */
public record Int8Model(byte[] flatbuffer, QuantRange input, QuantRange output, boolean logit) {

    /** The output as the daemon's manifest describes it, so trainer and daemon turn bytes into scores alike. */
    public ModelManifest.Output manifestOutput() {
        return new ModelManifest.Output(output.scale(), output.zeroPoint(), logit);
    }
}
