package wakeword.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.tinylog.Logger;
import wakeword.audio.AudioSource;
import wakeword.config.Config;
import wakeword.config.ConfigException;
import wakeword.gpio.PinSwitch;
import wakeword.hook.CommandHook;
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
    private final CommandHook hook;
    private final AtomicLong heartbeat = new AtomicLong();
    private final Object lock = new Object();
    private Config config;
    /** Written under {@link #lock}; volatile so the audio loop's check on every read takes no lock. */
    private volatile Config pendingConfig;
    private AudioSource source;
    private volatile boolean stopping;
    private long detections;

    /** @param hook runs on_detect; owned from now on (closed when {@link #run()} returns) */
    public Daemon(Config initial, ConfigReader configReader, AudioOpener audioOpener, SwitchOpener switchOpener,
                  SystemdNotifier notifier, CommandHook hook) {
        this.config = initial;
        this.configReader = configReader;
        this.audioOpener = audioOpener;
        this.switchOpener = switchOpener;
        this.notifier = notifier;
        this.hook = hook;
    }

    /**
     * Runs until {@link #stop()} or the end of a file or stdin input.
     *
     * @throws ModelException  the model cannot be loaded (at start; after a reload the old config stays)
     * @throws IOException     the audio input cannot be opened at start
     */
    public void run() throws ModelException, IOException {
        CommandHook.check(config.onDetect());
        PinSwitch pin = switchOpener.open(config.gpio());
        Watchdog watchdog = new Watchdog(notifier, heartbeat::get, this::waitingForDevice);
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
            // After the input ends every queued command still runs; a stop by signal finishes only the one running.
            hook.close(!stopping);
            Logger.info("stopped after {} detection(s); pin back to idle", detections);
        }
    }

    /** @return true when the input ended (a file or stdin), false when stopped or reloading */
    private boolean runSession(PinSwitch pin, boolean first) throws ModelException, IOException {
        SessionListener listener = new SessionListener(pin);
        try (Detector detector = Pipelines.openDetector(config, listener)) {
            listener.keyword = detector.manifest().name();
            try {
                return listen(detector, first);
            } finally {
                detector.finish();
            }
        }
    }

    /** The pin switches at the trigger; the log line and on_detect follow when the event's peak is known. */
    private final class SessionListener implements Detector.Listener {
        private final PinSwitch pin;
        // The level is fixed at start (log.level takes effect at restart): asked once, not on every hop.
        private final boolean debug = Logger.isDebugEnabled();
        private String keyword = "";
        private boolean pinOnAtTrigger;
        private long triggerWallMs;

        SessionListener(PinSwitch pin) {
            this.pin = pin;
        }

        @Override
        public void onScore(double time, float score, float smoothed) {
            if (debug) {
                Logger.debug("t={} score={} smoothed={}", time, score, smoothed);
            }
        }

        @Override
        public void onTrigger(double time) {
            pin.onDetection();
            pinOnAtTrigger = pin.isOn();
            triggerWallMs = System.currentTimeMillis();
        }

        @Override
        public void onDetection(Detection d) {
            detections++;
            // Four decimals, as replay prints: the top scores (0.9990 to 0.9996) must stay apart in the log, since
            // the way to silence a detection is a threshold just above its logged score.
            String score = d.scoreText(4);
            Logger.info("detected \"{}\" at {} s, score {}; pin {} is now {}", keyword,
                    String.format(Locale.ROOT, "%.2f", d.timeSeconds()), score, config.gpio().pin(),
                    pinOnAtTrigger ? "on" : "off");
            hook.submit(new CommandHook.Event(config.onDetect(), Instant.ofEpochMilli(triggerWallMs), d.timeSeconds(),
                    score, pinOnAtTrigger, config.gpio().pin(), keyword));
        }
    }

    private boolean listen(Detector detector, boolean first) throws IOException {
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
                if (stopping || reloadPending()) return false;
                Logger.info("the input ended ({}); stopping", describeEnd(config.audio().input()));
                return true;
            }
            detector.accept(buffer, 0, n);
            heartbeat.incrementAndGet();
        }
        return false;
    }

    private static String describeEnd(Config.Input input) {
        return switch (input.kind()) {
            case STDIN -> "standard input closed";
            case WAV -> "end of " + input.wavFile();
            case ALSA -> "the capture device closed";
        };
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

    private boolean waitingForDevice() {
        synchronized (lock) {
            return source != null && source.waitingForDevice();
        }
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
            CommandHook.check(next.onDetect());
            Pipelines.openDetector(next, d -> { }).close();
        } catch (ConfigException | ModelException e) {
            Logger.error("reload refused, keeping the running config: {}", e.getMessage());
            notifier.ready();
            return;
        }
        // The audio loop sees it after its next read, which live input ends within a capture period. A source
        // waiting for a missing device would never return from that read: closing it wakes the loop, which
        // then opens the input the new config names (the fix for a wrong device is usually this reload).
        synchronized (lock) {
            pendingConfig = next;
            if (source != null && source.waitingForDevice()) closeSourceQuietly();
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
