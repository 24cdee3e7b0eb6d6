package wakeword.gpio;

/**
 * One output pin at its physical level: {@code true} is HIGH (3.3 V). Which level means
 * "on" is {@link PinSwitch}'s business (active-low).
 */
public interface GpioOutput extends AutoCloseable {

    void write(boolean high);

    /** The level last written (or the initial one). */
    boolean isHigh();

    /** Gives the pin back to the system; the output is unusable afterwards. */
    @Override
    void close();
}
