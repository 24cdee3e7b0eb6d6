package wakeword.audio;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Arrays;

/**
 * Audio from a stream such as stdin, as mono samples at the target rate: headerless signed 16-bit
 * little-endian mono at a given rate ({@code arecord -t raw -f S16_LE -r 16000 -c 1}), or a WAV stream.
 *
 * <p>{@code arecord} writes a WAV header unless told {@code -t raw}; a stream that starts with "RIFF" is
 * therefore read as WAV, with the rate and channels its header gives. The check waits for the first bytes,
 * so it happens at the first {@link #read}, not when the source is made.
 *
 * <p>Closing it closes the stream; a read blocked on a pipe may only return when the writer ends.
 */
public final class StdinSource implements AudioSource {

    private static final byte[] RIFF = {'R', 'I', 'F', 'F'};

    private final PushbackInputStream in;
    private final int inputRate;
    private final int targetRate;
    private final String name;
    private PcmStreamReader reader;
    private volatile boolean closed;

    /** Raw samples from {@code in} (usually {@code System.in}) at {@code inputRate}, or a WAV stream. */
    public StdinSource(InputStream in, int inputRate, int targetRate) throws AudioException {
        this(in, inputRate, targetRate, "stdin");
    }

    /**
     * @param inputRate the rate of raw samples
     * @param name      how the user knows the input, for messages
     * @throws AudioException when {@code inputRate} cannot be resampled to {@code targetRate}
     */
    public StdinSource(InputStream in, int inputRate, int targetRate, String name) throws AudioException {
        try {
            new Resampler(inputRate, targetRate, 1);
        } catch (IllegalArgumentException e) {
            throw new AudioException(name + ": cannot resample raw input at " + inputRate + " Hz to " + targetRate
                    + " Hz; record at " + targetRate + " Hz (arecord -t raw -f S16_LE -c 1 -r " + targetRate + ")");
        }
        this.in = new PushbackInputStream(in, RIFF.length);
        this.inputRate = inputRate;
        this.targetRate = targetRate;
        this.name = name;
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
            if (reader == null) {
                reader = sniff();
            }
            return reader.read(buffer, offset, length);
        } catch (AudioException e) {
            throw e;
        } catch (IOException e) {
            if (closed) {
                return -1;
            }
            throw new AudioException(name + ": cannot read audio (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        in.close();
    }

    private PcmStreamReader sniff() throws IOException {
        byte[] head = in.readNBytes(RIFF.length);
        in.unread(head);
        PcmFormat format = PcmFormat.s16leMono(inputRate);
        long dataBytes = -1;
        if (Arrays.equals(head, RIFF)) {
            WavReader.Header header = WavReader.readHeader(in, name);
            format = header.format();
            dataBytes = header.dataBytes();
        }
        try {
            return new PcmStreamReader(in, format, targetRate, dataBytes);
        } catch (IllegalArgumentException e) {
            throw new AudioException(name + ": unsupported WAV format: cannot resample " + format.sampleRate()
                    + " Hz to " + targetRate + " Hz; " + WavReader.CONVERT_HINT);
        }
    }
}
