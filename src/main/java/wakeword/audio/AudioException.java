package wakeword.audio;

import java.io.IOException;

/**
 * An audio input that cannot be opened or read, for a reason the user can fix. The message is one line that
 * names the cause and the fix, so the CLI prints it without a stack trace.
 */
public final class AudioException extends IOException {

    private static final long serialVersionUID = 1L;

    public AudioException(String message) {
        super(message);
    }

    public AudioException(String message, Throwable cause) {
        super(message, cause);
    }
}
