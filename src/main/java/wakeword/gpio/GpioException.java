package wakeword.gpio;

/** The GPIO pin cannot be used; the message is one line naming the cause and the fix. */
public final class GpioException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GpioException(String message) {
        super(message);
    }

    public GpioException(String message, Throwable cause) {
        super(message, cause);
    }
}
