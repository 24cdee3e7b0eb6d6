package wakeword.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.tinylog.Logger;
import wakeword.audio.AudioSource;
import wakeword.config.Config;
import wakeword.config.ConfigException;
import wakeword.gpio.PinSwitch;
import wakeword.model.ModelException;
import wakeword.trigger.Detection;

/**
 * The service: audio from the configured input through the detector to the pin, until stopped or the input
 * ends. A reload (SIGHUP) re-reads the config file; a valid one is applied by rebuilding the pipeline in
 * this process at the next audio read, an invalid one is logged and the running config kept. The audio
 * input stays open across a reload unless its settings changed: stdin cannot be opened twice. Stopping
 * (SIGTERM) wakes the audio read by closing the source, then the pin goes back to its idle level.
 */
public final class Daemon {

    /** Opens the configured audio input at the model's sample rate. */
    @FunctionalInterface
    public interface AudioOpener {
        AudioSource open(Config.Audio audio, int sampleRate) throws IOException;
    }

    /** Opens the configured pin. */
    @FunctionalInterface
    public interface SwitchOpener {
        PinSwitch open(Config.Gpio gpio);
    }

    /** Reads the config file again, for a reload. */
    @FunctionalInterface
    public interface ConfigReader {
        Config read();
    }

    private final ConfigReader configReader;
    private final AudioOpener audioOpener;
    private final SwitchOpener switchOpener;
    private final SystemdNotifier notifier;
    private final AtomicLong heartbeat = new AtomicLong();
    private final Object lock = new Object();
    private Config config;
    /** Written under {@link #lock}; volatile so the audio loop's check on every read takes no lock. */
    private volatile Config pendingConfig;
    private AudioSource source;
    private volatile boolean stopping;
    private long detections;

    public Daemon(Config initial, ConfigReader configReader, AudioOpener audioOpener, SwitchOpener switchOpener,
                  SystemdNotifier notifier) {
        this.config = initial;
        this.configReader = configReader;
        this.audioOpener = audioOpener;
        this.switchOpener = switchOpener;
        this.notifier = notifier;
    }

    /**
     * Runs until {@link #stop()} or the end of a file or stdin input.
     *
     * @throws ModelException  the model cannot be loaded (at start; after a reload the old config stays)
     * @throws IOException     the audio input cannot be opened at start
     */
    public void run() throws ModelException, IOException {
        PinSwitch pin = switchOpener.open(config.gpio());
        Watchdog watchdog = new Watchdog(notifier, heartbeat::get);
        try {
            boolean first = true;
            while (!stopping) {
                boolean inputEnded = runSession(pin, first);
                first = false;
                if (inputEnded) break;
                synchronized (lock) {
                    if (pendingConfig != null) {
                        if (!pendingConfig.gpio().equals(config.gpio())) {
                            pin.close();
                            pin = switchOpener.open(pendingConfig.gpio());
                        }
                        if (!pendingConfig.audio().equals(config.audio())) {
                            closeSourceQuietly();
                        }
                        config = pendingConfig;
                        pendingConfig = null;
                        Logger.info("reloaded the config");
                        notifier.ready();
                    }
                }
            }
        } finally {
            synchronized (lock) {
                closeSourceQuietly();
            }
            notifier.stopping();
            watchdog.close();
            pin.close();
            Logger.info("stopped after {} detection(s); pin back to idle", detections);
        }
    }

    /** @return true when the input ended (a file or stdin), false when stopped or reloading */
    private boolean runSession(PinSwitch pin, boolean first) throws ModelException, IOException {
        // The level is fixed at start (log.level takes effect at restart): asked once, not on every hop.
        boolean debug = Logger.isDebugEnabled();
        Detector.Listener listener = new Detector.Listener() {
            @Override
            public void onScore(double time, float score, float smoothed) {
                if (debug) {
                    Logger.debug("t={} score={} smoothed={}", time, score, smoothed);
                }
            }

            @Override
            public void onDetection(Detection d) {
                detections++;
                pin.onDetection();
                Logger.info("detected \"stop\" at {} s, score {}; pin {} is now {}",
                        String.format(Locale.ROOT, "%.2f", d.timeSeconds()),
                        String.format(Locale.ROOT, "%.3f", d.score()), config.gpio().pin(), pin.isOn() ? "on" : "off");
            }
        };
        try (Detector detector = Pipelines.openDetector(config, listener)) {
            AudioSource audio = openSource(detector.sampleRate());
            Logger.info("listening: input {}, device {}, {} Hz; model {} ({}, {} kernels); threshold {}, smoothing {}; "
                            + "{} pin {} mode {}{}", config.audio().input().kind(), config.audio().device(),
                    detector.sampleRate(), config.model(), detector.manifest().name(), detector.kernels(),
                    detector.settings().threshold(),
                    detector.settings().smoothing(), "gpio.enabled=" + config.gpio().enabled().name().toLowerCase(Locale.ROOT),
                    config.gpio().pin(), config.gpio().mode(), config.gpio().activeLow() ? " active-low" : "");
            if (first) notifier.ready();
            // A read returns what has arrived, up to this much: one call per arrival of audio (a capture
            // period, a pipe write) rather than one per 20 ms hop. It adds no latency.
            short[] buffer = new short[detector.sampleRate() / 5];
            while (!stopping && !reloadPending()) {
                int n;
                try {
                    n = audio.read(buffer, 0, buffer.length);
                } catch (IOException e) {
                    if (stopping || reloadPending()) break;
                    throw e;
                }
                if (n < 0) {
                    return !stopping && !reloadPending();
                }
                detector.accept(buffer, 0, n);
                heartbeat.incrementAndGet();
            }
            return false;
        }
    }

    /** The input already open, when it delivers the rate the detector needs; else the configured one, opened. */
    private AudioSource openSource(int sampleRate) throws IOException {
        synchronized (lock) {
            if (source != null && source.sampleRate() == sampleRate) return source;
            closeSourceQuietly();
        }
        AudioSource opened = audioOpener.open(config.audio(), sampleRate);
        synchronized (lock) {
            source = opened;
        }
        return opened;
    }

    private boolean reloadPending() {
        return pendingConfig != null;
    }

    /**
     * Re-reads the config (from a signal handler's thread). A valid config is applied at once; an invalid
     * one, or one whose model does not load, is logged and the running config kept.
     */
    public void reload() {
        notifier.reloading();
        Config next;
        try {
            next = configReader.read();
            Pipelines.openDetector(next, d -> { }).close();
        } catch (ConfigException | ModelException e) {
            Logger.error("reload refused, keeping the running config: {}", e.getMessage());
            notifier.ready();
            return;
        }
        // The audio loop sees it after its next read, which live input ends within a capture period.
        synchronized (lock) {
            pendingConfig = next;
        }
    }

    /** Stops the daemon (from a signal handler's thread): wakes the audio read, and {@link #run()} returns. */
    public void stop() {
        stopping = true;
        synchronized (lock) {
            closeSourceQuietly();
        }
    }

    /** Closes the input and forgets it; call with the lock held. */
    private void closeSourceQuietly() {
        if (source == null) return;
        try {
            source.close();
        } catch (IOException e) {
            Logger.warn("closing the audio input: {}", e.getMessage());
        }
        source = null;
    }

    /** The config in force. */
    public Config config() {
        synchronized (lock) {
            return config;
        }
    }
}
