package wakeword.features;

/**
 * The frontend cut in two at the log mel energies, for training from spectrogram images: the energies a frame
 * gives before the log, and the cepstrum the daemon computes from log energies. Both use the same tables and
 * arithmetic as the float path, so features built from images and features built from audio meet exactly.
 */
public final class MelSpectrum {

    private final FeatureParams params;
    private final MelCepstrum tables;
    private final FloatFrameAnalyzer analyzer;
    private final double[] logMel;

    public MelSpectrum(FeatureParams params) {
        this.params = params;
        this.tables = new MelCepstrum(params);
        this.analyzer = new FloatFrameAnalyzer(params, tables);
        this.logMel = new double[params.melBands()];
    }

    public FeatureParams params() {
        return params;
    }

    /**
     * Mel energies (before {@link FeatureParams#LOG_FLOOR} and the log) of every frame that starts a multiple of
     * {@code step} samples into {@code samples}; with {@code step = hopLength} these are the daemon's frames.
     */
    public double[][] energies(short[] samples, int step) {
        int count = samples.length < params.frameLength() ? 0 : 1 + (samples.length - params.frameLength()) / step;
        double[][] out = new double[count][params.melBands()];
        for (int i = 0; i < count; i++) {
            analyzer.melEnergies(samples, i * step, out[i]);
        }
        return out;
    }

    /** The cepstral coefficients of one frame from its log mel energies (natural log of energy + floor). */
    public void cepstrum(double[] logMelEnergies, float[] out) {
        if (logMelEnergies.length != logMel.length) {
            throw new IllegalArgumentException("expected " + logMel.length + " mel bands, got " + logMelEnergies.length);
        }
        System.arraycopy(logMelEnergies, 0, logMel, 0, logMel.length);
        tables.cepstrumOfLog(logMel, out);
    }
}
