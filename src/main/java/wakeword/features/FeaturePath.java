package wakeword.features;

/** The two ways to compute one frame; both give the same features within the bound stated in the tests. */
public enum FeaturePath {
    /** Floating-point FFT through JTransforms. */
    FLOAT,
    /** Q15 integer FFT and integer filterbank: the same bits on every CPU. */
    FIXED;

    FrameAnalyzer newAnalyzer(FeatureParams params) {
        MelCepstrum cepstrum = new MelCepstrum(params);
        return this == FLOAT ? new FloatFrameAnalyzer(params, cepstrum) : new FixedPointFrameAnalyzer(params, cepstrum);
    }
}
