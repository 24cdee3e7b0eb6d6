package wakeword.features;

/**
 * What the frontend computes, as declared by a model's manifest: the model was trained on exactly these
 * features, so the daemon never chooses them itself.
 *
 * @param sampleRate   audio rate the features are computed at (Hz)
 * @param frameLength  samples per analysis frame (Hann-windowed, zero-padded to {@code fftSize})
 * @param hopLength    samples between the starts of consecutive frames; one model inference per hop
 * @param fftSize      power-of-two FFT length, at least {@code frameLength}
 * @param melBands     triangular mel filters between {@code lowHz} and {@code highHz}
 * @param coefficients cepstral coefficients kept after the DCT (c0 included)
 */
public record FeatureParams(int sampleRate, int frameLength, int hopLength, int fftSize, int melBands,
                            int coefficients, double lowHz, double highHz) {

    /** Added to every mel energy before the log, so silence maps to a finite floor instead of -infinity. */
    public static final double LOG_FLOOR = 1e-6;

    public FeatureParams {
        require(sampleRate >= 4000 && sampleRate <= 48000, "sample_rate must be 4000..48000, got " + sampleRate);
        require(frameLength > 0, "frame_length must be positive, got " + frameLength);
        require(hopLength > 0 && hopLength <= frameLength, "hop_length must be 1..frame_length, got " + hopLength);
        require(fftSize >= frameLength && Integer.bitCount(fftSize) == 1 && fftSize <= 4096,
                "fft_size must be a power of two from frame_length to 4096, got " + fftSize);
        require(melBands >= 2 && melBands <= fftSize / 2, "mel_bands must be 2..fft_size/2, got " + melBands);
        require(coefficients >= 1 && coefficients <= melBands, "coefficients must be 1..mel_bands, got " + coefficients);
        require(lowHz >= 0 && lowHz < highHz && highHz <= sampleRate / 2.0,
                "need 0 <= low_hz < high_hz <= sample_rate/2, got " + lowHz + ".." + highHz);
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException("bad feature parameters: " + message);
    }
}
