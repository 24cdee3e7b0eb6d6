package wakeword.daemon;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.tinylog.Logger;

/**
 * Proves to systemd that audio is still being processed: pings WATCHDOG=1 at half the service's
 * WatchdogSec, but only when the liveness counter moved since the last tick, or while the input is waiting
 * for its device (a microphone unplugged or not there yet: restarting would not bring it back). If the audio
 * thread hangs, the pings stop and systemd restarts the service. Does nothing when systemd asked for no
 * watchdog.
 */
final class Watchdog implements AutoCloseable {

    private final ScheduledExecutorService timer;

    Watchdog(SystemdNotifier notifier, LongSupplier liveness, BooleanSupplier waitingForDevice) {
        Optional<Duration> interval = notifier.watchdogInterval();
        if (interval.isEmpty()) {
            timer = null;
            return;
        }
        long periodMs = Math.max(1, interval.get().toMillis() / 2);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "watchdog");
            t.setDaemon(true);
            return t;
        });
        long[] last = {liveness.getAsLong()};
        timer.scheduleAtFixedRate(() -> {
            long now = liveness.getAsLong();
            if (now != last[0] || waitingForDevice.getAsBoolean()) {
                last[0] = now;
                notifier.watchdog();
            } else {
                Logger.warn("no audio processed for {} ms: not telling systemd we are alive", periodMs);
            }
        }, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (timer != null) timer.shutdownNow();
    }
}
