package wakeword.audio;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads integer PCM from a byte stream and serves it as mono samples at the target rate. Shared by the WAV
 * and raw sources; a trailing partial frame at the end of the stream is dropped.
 */
final class PcmStreamReader implements AutoCloseable {

    private static final int BLOCK_FRAMES = 2048;

    private final InputStream in;
    private final PcmConverter converter;
    private final int frameBytes;
    private final byte[] bytes;
    private final short[] pending;
    private long bytesLeft;
    private int carried;
    private int pendingPos;
    private int pendingLength;
    private long framesRead;
    private boolean ended;

    /**
     * @param maxBytes the length of the PCM data, or -1 to read to the end of the stream
     * @throws IllegalArgumentException when the rate pair cannot be resampled
     */
    PcmStreamReader(InputStream in, PcmFormat format, int targetRate, long maxBytes) {
        this.in = in;
        this.converter = new PcmConverter(format, targetRate, BLOCK_FRAMES);
        this.frameBytes = format.frameBytes();
        this.bytes = new byte[BLOCK_FRAMES * frameBytes];
        this.pending = new short[converter.maxOutput()];
        this.bytesLeft = maxBytes < 0 ? Long.MAX_VALUE : maxBytes;
    }

    /** Frames taken from the stream so far. */
    long framesRead() {
        return framesRead;
    }

    /**
     * Reads until output is available or the stream ends.
     *
     * @return false at the end of the stream with nothing left to serve
     */
    boolean fill() throws IOException {
        while (pendingPos == pendingLength) {
            if (ended) {
                return false;
            }
            pendingPos = 0;
            pendingLength = 0;
            int want = (int) Math.min(bytes.length - carried, bytesLeft);
            int n = want == 0 ? -1 : in.read(bytes, carried, want);
            if (n < 0) {
                ended = true;
                pendingLength = converter.flush(pending, 0);
                continue;
            }
            bytesLeft -= n;
            int available = carried + n;
            int frames = available / frameBytes;
            pendingLength = converter.convert(bytes, 0, frames, pending, 0);
            framesRead += frames;
            carried = available - frames * frameBytes;
            System.arraycopy(bytes, frames * frameBytes, bytes, 0, carried);
        }
        return true;
    }

    /** Blocks until samples are available; -1 at the end of the stream. */
    int read(short[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(length, pendingLength - pendingPos);
        System.arraycopy(pending, pendingPos, buffer, offset, n);
        pendingPos += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
