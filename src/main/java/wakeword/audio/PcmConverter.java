package wakeword.audio;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Whole frames of integer PCM bytes in, mono 16-bit samples at the target rate out: decoding to 16 bits,
 * mixing to mono and resampling, without allocating per call. Wider samples keep their top 16 bits.
 */
final class PcmConverter {

    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    private final PcmFormat format;
    private final Resampler resampler;
    private final short[] frames;
    private final int blockFrames;

    /**
     * @param blockFrames the most frames one {@link #convert} call takes
     * @throws IllegalArgumentException when the resampler cannot serve the rate pair
     */
    PcmConverter(PcmFormat format, int targetRate, int blockFrames) {
        this.format = format;
        this.resampler = new Resampler(format.sampleRate(), targetRate, format.channels());
        this.blockFrames = blockFrames;
        this.frames = new short[blockFrames * format.channels()];
    }

    PcmFormat format() {
        return format;
    }

    /** Room {@link #convert} or {@link #flush} needs in its output. */
    int maxOutput() {
        return Math.max(resampler.maxOutput(blockFrames), resampler.maxFlushOutput());
    }

    /**
     * Decodes {@code frameCount} frames from {@code bytes[offset..]} and writes the mono samples they complete.
     *
     * @return the number of samples written to {@code out}
     */
    int convert(byte[] bytes, int offset, int frameCount, short[] out, int outOffset) {
        if (frameCount > blockFrames) {
            throw new IllegalArgumentException(frameCount + " frames exceed the block of " + blockFrames);
        }
        int samples = frameCount * format.channels();
        int width = format.bytesPerSample();
        if (width == 2 && !format.bigEndian()) {
            // The common case (what arecord and most WAV files give): one little-endian load per sample.
            for (int i = 0, p = offset; i < samples; i++, p += 2) {
                frames[i] = (short) SHORT_LE.get(bytes, p);
            }
            return resampler.process(frames, 0, frameCount, out, outOffset);
        }
        // The top two bytes of each sample: little-endian stores them last, big-endian first.
        int hi = format.bigEndian() ? 0 : width - 1;
        int lo = format.bigEndian() ? 1 : width - 2;
        for (int i = 0, p = offset; i < samples; i++, p += width) {
            frames[i] = (short) ((bytes[p + hi] << 8) | (bytes[p + lo] & 0xff));
        }
        return resampler.process(frames, 0, frameCount, out, outOffset);
    }

    /** The samples still held back by the filter's look-ahead, at the end of the stream. */
    int flush(short[] out, int outOffset) {
        return resampler.flush(out, outOffset);
    }

    /** Starts a new stream, as after a reconnect. */
    void reset() {
        resampler.reset();
    }
}
