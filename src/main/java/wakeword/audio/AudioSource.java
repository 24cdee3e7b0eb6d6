package wakeword.audio;

import java.io.IOException;

/**
 * 16-bit mono PCM at the rate the model asks for, from a microphone, a WAV file or stdin. Whatever the
 * input's own rate and channel count, {@link #read} returns mono samples at {@link #sampleRate()}.
 */
public interface AudioSource extends AutoCloseable {

    /** The rate of what {@link #read} returns: the target rate asked for when the source was opened. */
    int sampleRate();

    /**
     * Blocks until at least one sample is available, then copies up to {@code length} samples.
     *
     * @return the number of samples copied (at least 1), or -1 at the end of the stream or after {@link #close()}
     */
    int read(short[] buffer, int offset, int length) throws IOException;

    /**
     * Whether the source is waiting for its device to come (back) and retrying: the reader is blocked on
     * purpose, which a liveness check must not mistake for a hang.
     */
    default boolean waitingForDevice() {
        return false;
    }

    @Override
    void close() throws IOException;
}
