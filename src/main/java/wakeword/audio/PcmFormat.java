package wakeword.audio;

/**
 * Signed integer PCM as it arrives: interleaved frames of {@code channels} samples, each
 * {@code bitsPerSample} wide (16, 24 or 32).
 */
public record PcmFormat(int sampleRate, int channels, int bitsPerSample, boolean bigEndian) {

    public PcmFormat {
        if (sampleRate <= 0 || channels <= 0) {
            throw new IllegalArgumentException("rate and channels must be positive: " + sampleRate + " Hz, "
                    + channels + " channels");
        }
        if (bitsPerSample != 16 && bitsPerSample != 24 && bitsPerSample != 32) {
            throw new IllegalArgumentException("only 16-, 24- and 32-bit samples are decoded, not " + bitsPerSample);
        }
    }

    /** Mono 16-bit little-endian: what {@code arecord -f S16_LE -c 1} writes. */
    public static PcmFormat s16leMono(int sampleRate) {
        return new PcmFormat(sampleRate, 1, 16, false);
    }

    public int bytesPerSample() {
        return bitsPerSample / 8;
    }

    public int frameBytes() {
        return channels * bytesPerSample();
    }

    @Override
    public String toString() {
        return sampleRate + " Hz, " + channels + (channels == 1 ? " channel, " : " channels, ") + bitsPerSample
                + "-bit" + (bigEndian ? " big-endian" : "");
    }
}
