package wakeword.audio;

import java.io.IOException;
import java.io.InputStream;

/**
 * Headerless signed 16-bit little-endian mono PCM from a stream, such as stdin fed by
 * {@code arecord -f S16_LE -r 16000 -c 1}, as mono samples at the target rate.
 *
 * <p>Closing it closes the stream; a read blocked on a pipe may only return when the writer ends.
 */
public final class StdinSource implements AudioSource {

    private final int targetRate;
    private final PcmStreamReader reader;
    private final String name;
    private volatile boolean closed;

    /** Raw samples from {@code in} (usually {@code System.in}) at {@code inputRate}. */
    public StdinSource(InputStream in, int inputRate, int targetRate) throws AudioException {
        this(in, inputRate, targetRate, "stdin");
    }

    /**
     * @param inputRate the rate of the raw samples
     * @param name      how the user knows the input, for messages
     * @throws AudioException when {@code inputRate} cannot be resampled to {@code targetRate}
     */
    public StdinSource(InputStream in, int inputRate, int targetRate, String name) throws AudioException {
        this.targetRate = targetRate;
        this.name = name;
        try {
            this.reader = new PcmStreamReader(in, PcmFormat.s16leMono(inputRate), targetRate, -1);
        } catch (IllegalArgumentException e) {
            throw new AudioException(name + ": cannot resample raw input at " + inputRate + " Hz to " + targetRate
                    + " Hz; record at " + targetRate + " Hz (arecord -f S16_LE -c 1 -r " + targetRate + ")");
        }
    }

    @Override
    public int sampleRate() {
        return targetRate;
    }

    @Override
    public int read(short[] buffer, int offset, int length) throws IOException {
        if (closed) {
            return -1;
        }
        try {
            return reader.read(buffer, offset, length);
        } catch (IOException e) {
            if (closed) {
                return -1;
            }
            throw new AudioException(name + ": cannot read raw audio (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        reader.close();
    }
}
