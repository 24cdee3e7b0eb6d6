package wakeword.gpio;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import org.tinylog.Logger;

/**
 * A pin driven through Pi4J 2. The context is built by the caller with exactly the provider
 * it wants (gpiod on the Pi, the mock in tests) rather than auto-detected: auto-detection
 * silently prefers the mock whenever its jar is on the classpath. This object owns the
 * context and shuts it down on {@link #close()}.
 */
public final class Pi4jOutput implements GpioOutput {
    /** Pi4J's provider id for the Linux GPIO character device (/dev/gpiochip*). */
    public static final String GPIOD_PROVIDER = "gpiod-digital-output";

    private final Context context;
    private final int pin;
    private final DigitalOutput output;
    private boolean closed;

    /**
     * Claims the pin and drives it to {@code initialHigh} at once.
     *
     * @param context     a Pi4J context holding the provider {@code providerId}; owned from now on
     * @param providerId  e.g. {@link #GPIOD_PROVIDER} or "mock-digital-output"
     * @param pin         BCM GPIO number
     * @param initialHigh the level at start, and the level Pi4J leaves at shutdown
     * @throws GpioException when the pin cannot be claimed (the context is shut down then)
     */
    public Pi4jOutput(Context context, String providerId, int pin, boolean initialHigh) {
        this.context = context;
        this.pin = pin;
        DigitalState idle = initialHigh ? DigitalState.HIGH : DigitalState.LOW;
        try {
            // The id becomes the line's consumer label, which `gpioinfo` shows.
            this.output = context.create(DigitalOutput.newConfigBuilder(context)
                    .id("wakeword")
                    .name("wakeword GPIO " + pin)
                    .address(pin)
                    .initial(idle)
                    .shutdown(idle)
                    .provider(providerId)
                    .build());
        } catch (RuntimeException | LinkageError e) {
            shutdown(context);
            throw GpioErrors.explain(e, pin);
        }
        Logger.debug("GPIO {} claimed through {}, {}", pin, providerId, idle);
    }

    @Override
    public synchronized void write(boolean high) {
        try {
            output.state(high ? DigitalState.HIGH : DigitalState.LOW);
        } catch (RuntimeException e) {
            throw new GpioException("cannot set GPIO " + pin + " " + (high ? "HIGH" : "LOW") + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized boolean isHigh() {
        return output.isHigh();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            shutdown(context);
        }
    }

    private static void shutdown(Context context) {
        try {
            context.shutdown();
        } catch (RuntimeException e) {
            Logger.warn("Pi4J did not shut down cleanly: {}", e.getMessage());
        }
    }
}
