package wakeword.gpio;

import org.tinylog.Logger;

/**
 * Stands in for a pin when GPIO is disabled or the computer is not a Pi: every level change
 * is logged, so a run on a laptop shows what the relay would have done.
 */
public final class LoggingOutput implements GpioOutput {
    private final int pin;
    private boolean high;

    /**
     * @param pin         the BCM number the messages mention
     * @param initialHigh the level it starts at
     */
    public LoggingOutput(int pin, boolean initialHigh) {
        this.pin = pin;
        this.high = initialHigh;
        Logger.info("GPIO disabled: GPIO {} would start {}", pin, level(initialHigh));
    }

    @Override
    public synchronized void write(boolean newHigh) {
        if (newHigh != high) {
            Logger.info("GPIO disabled: GPIO {} would go {}", pin, level(newHigh));
        }
        high = newHigh;
    }

    @Override
    public synchronized boolean isHigh() {
        return high;
    }

    @Override
    public void close() {
        Logger.debug("GPIO disabled: GPIO {} closed", pin);
    }

    private static String level(boolean high) {
        return high ? "HIGH" : "LOW";
    }
}
