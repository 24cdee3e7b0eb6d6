package wakeword.features;

/** Turns one frame of samples into its cepstral coefficients. Implementations keep all scratch space. */
interface FrameAnalyzer {
    /** Reads {@code frameLength} samples of {@code frame} from {@code offset}, writes {@code coefficients} values. */
    void analyze(short[] frame, int offset, float[] out);
}
