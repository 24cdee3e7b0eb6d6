package wakeword.features;

/**
 * The tables both frame analyzers share: Hann window, mel filterbank over FFT bins, and the DCT.
 * All tables are computed with StrictMath so they are the same bits on every CPU.
 */
final class MelCepstrum {

    final FeatureParams params;
    final double[] window;
    /** Per filter: first FFT bin and the triangular weights from that bin on. */
    final int[] filterStart;
    final float[][] filterWeights;
    private final float[][] dct;
    private final double[] logMel;

    MelCepstrum(FeatureParams params) {
        this.params = params;
        int n = params.frameLength();
        window = new double[n];
        for (int i = 0; i < n; i++) {
            window[i] = 0.5 - 0.5 * StrictMath.cos(2 * StrictMath.PI * i / n);
        }
        int bands = params.melBands();
        double lowMel = hzToMel(params.lowHz());
        double highMel = hzToMel(params.highHz());
        double[] edgesHz = new double[bands + 2];
        for (int i = 0; i < edgesHz.length; i++) {
            edgesHz[i] = melToHz(lowMel + (highMel - lowMel) * i / (bands + 1));
        }
        int bins = params.fftSize() / 2 + 1;
        double binHz = (double) params.sampleRate() / params.fftSize();
        filterStart = new int[bands];
        filterWeights = new float[bands][];
        for (int m = 0; m < bands; m++) {
            double left = edgesHz[m], centre = edgesHz[m + 1], right = edgesHz[m + 2];
            int first = (int) StrictMath.ceil(left / binHz);
            int last = Math.min(bins - 1, (int) StrictMath.floor(right / binHz));
            float[] w = new float[Math.max(0, last - first + 1)];
            for (int k = first; k <= last; k++) {
                double f = k * binHz;
                double up = (f - left) / (centre - left);
                double down = (right - f) / (right - centre);
                w[k - first] = (float) Math.max(0, Math.min(up, down));
            }
            filterStart[m] = first;
            filterWeights[m] = w;
        }
        int c = params.coefficients();
        dct = new float[c][bands];
        for (int k = 0; k < c; k++) {
            double scale = StrictMath.sqrt((k == 0 ? 1.0 : 2.0) / bands);
            for (int m = 0; m < bands; m++) {
                dct[k][m] = (float) (scale * StrictMath.cos(StrictMath.PI * k * (m + 0.5) / bands));
            }
        }
        logMel = new double[bands];
    }

    /** Log of each mel energy in {@code melEnergy} (natural log, floored), then the DCT into {@code out}. */
    void cepstrum(double[] melEnergy, double logOffset, float[] out) {
        for (int m = 0; m < logMel.length; m++) {
            logMel[m] = StrictMath.log(melEnergy[m]) + logOffset;
        }
        cepstrumOfLog(logMel, out);
    }

    /** The DCT of log mel energies that are already computed (natural log, floor included). */
    void cepstrumOfLog(double[] logMel, float[] out) {
        for (int k = 0; k < dct.length; k++) {
            float[] row = dct[k];
            double sum = 0;
            for (int m = 0; m < row.length; m++) {
                sum += row[m] * logMel[m];
            }
            out[k] = (float) sum;
        }
    }

    static double hzToMel(double hz) {
        return 2595.0 * StrictMath.log10(1.0 + hz / 700.0);
    }

    static double melToHz(double mel) {
        return 700.0 * (StrictMath.pow(10.0, mel / 2595.0) - 1.0);
    }
}
