package wakeword.features;

import org.jtransforms.fft.FloatFFT_1D;

/** Hann window, JTransforms real FFT, power spectrum, mel filterbank, log, DCT, all in floating point. */
final class FloatFrameAnalyzer implements FrameAnalyzer {

    private final MelCepstrum tables;
    private final FloatFFT_1D fft;
    private final float[] window;
    private final float[] spectrum;
    private final float[] power;
    private final double[] mel;

    FloatFrameAnalyzer(FeatureParams params, MelCepstrum tables) {
        this.tables = tables;
        this.fft = new FloatFFT_1D(params.fftSize());
        this.window = new float[params.frameLength()];
        for (int i = 0; i < window.length; i++) {
            window[i] = (float) (tables.window[i] / 32768.0);
        }
        this.spectrum = new float[params.fftSize()];
        this.power = new float[params.fftSize() / 2 + 1];
        this.mel = new double[params.melBands()];
    }

    @Override
    public void analyze(short[] frame, int offset, float[] out) {
        melEnergies(frame, offset, mel);
        for (int m = 0; m < mel.length; m++) {
            mel[m] += FeatureParams.LOG_FLOOR;
        }
        tables.cepstrum(mel, 0.0, out);
    }

    /** The mel filter energies of one frame, before the log floor is added. */
    void melEnergies(short[] frame, int offset, double[] mel) {
        int n = window.length;
        for (int i = 0; i < n; i++) {
            spectrum[i] = frame[offset + i] * window[i];
        }
        java.util.Arrays.fill(spectrum, n, spectrum.length, 0f);
        fft.realForward(spectrum);
        int half = spectrum.length / 2;
        // JTransforms packs Re[0] and Re[N/2] into the first two slots.
        power[0] = spectrum[0] * spectrum[0];
        power[half] = spectrum[1] * spectrum[1];
        for (int k = 1; k < half; k++) {
            float re = spectrum[2 * k], im = spectrum[2 * k + 1];
            power[k] = re * re + im * im;
        }
        for (int m = 0; m < mel.length; m++) {
            float[] w = tables.filterWeights[m];
            int first = tables.filterStart[m];
            double sum = 0;
            for (int j = 0; j < w.length; j++) {
                sum += w[j] * power[first + j];
            }
            mel[m] = sum;
        }
    }
}
