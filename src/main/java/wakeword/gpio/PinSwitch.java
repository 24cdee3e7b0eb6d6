package wakeword.gpio;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;
import wakeword.config.Config;

/**
 * What a detection does to the pin: toggle it, pulse it (a relay) or latch it on. Works in
 * logical terms (on/off) and maps them to levels through active-low. Starts "off"; {@link
 * #release()} returns to "off", which the daemon does on shutdown so a relay never stays
 * energised by a dead process. Thread-safe: detections, the pulse timer and shutdown may
 * come from different threads.
 */
public final class PinSwitch implements AutoCloseable {
    private final GpioOutput output;
    private final Config.GpioMode mode;
    private final long pulseMs;
    private final boolean activeLow;
    private final ScheduledExecutorService scheduler;

    private boolean on;
    private ScheduledFuture<?> pendingOff;
    /** Identifies the current pulse, so a timer that fires late for an older pulse does nothing. */
    private long pulseNumber;

    /**
     * Drives the pin to its idle ("off") level at once.
     *
     * @param output    the pin; owned from now on (closed by {@link #close()})
     * @param settings  mode, pulse length and active-low (the pin number is the output's business)
     * @param scheduler ends pulses; owned from now on (shut down by {@link #close()})
     */
    public PinSwitch(GpioOutput output, Config.Gpio settings, ScheduledExecutorService scheduler) {
        this.output = output;
        this.mode = settings.mode();
        this.pulseMs = settings.pulseMs();
        this.activeLow = settings.activeLow();
        this.scheduler = scheduler;
        drive(false);
    }

    /** The physical level that means "off" for this wiring. */
    public static boolean idleLevel(boolean activeLow) {
        return activeLow;
    }

    /** A keyword was detected. */
    public synchronized void onDetection() {
        switch (mode) {
            case TOGGLE -> drive(!on);
            case LATCH -> drive(true);
            case PULSE -> {
                cancelPulse();
                drive(true);
                long number = ++pulseNumber;
                pendingOff = scheduler.schedule(() -> endPulse(number), pulseMs, TimeUnit.MILLISECONDS);
            }
            default -> throw new IllegalStateException("unknown mode " + mode);
        }
    }

    /** Whether the switch is logically on (the pin is at the active level). */
    public synchronized boolean isOn() {
        return on;
    }

    /** Back to "off" (idle level), cancelling a running pulse. */
    public synchronized void release() {
        cancelPulse();
        drive(false);
    }

    /** Releases the pin, then closes the output and stops the pulse timer. */
    @Override
    public void close() {
        try {
            release();
        } finally {
            scheduler.shutdownNow();
            output.close();
        }
    }

    private synchronized void endPulse(long number) {
        if (number == pulseNumber && pendingOff != null) {
            pendingOff = null;
            drive(false);
        }
    }

    private void cancelPulse() {
        if (pendingOff != null) {
            pendingOff.cancel(false);
            pendingOff = null;
        }
    }

    private void drive(boolean newOn) {
        on = newOn;
        output.write(newOn != activeLow);
        Logger.debug("switch {}", newOn ? "on" : "off");
    }
}
