package wakeword.audio;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.TargetDataLine;
import org.tinylog.Logger;

/**
 * Live capture from an ALSA device through Java Sound.
 *
 * <p>The line is opened at 16-bit mono at the target rate where the device takes it, else at the best common
 * rate it does take (mono or stereo), converted here. A capture thread moves audio from the line into a
 * bounded buffer of {@code bufferMs}; a reader that falls further behind loses the oldest audio (counted
 * and logged, never fatal). If the device fails or disappears, the thread closes it, logs once, and reopens
 * it with capped exponential backoff; {@link #read} simply blocks until audio flows again.
 */
public final class AlsaCaptureSource implements AudioSource {

    /** How often overruns are reported at most, so a stalled consumer does not flood the log. */
    private static final long OVERRUN_REPORT_NANOS = Duration.ofSeconds(10).toNanos();
    /**
     * The most audio moved from the line per read. Each read takes one of Java Sound's polls (a quarter of
     * the line's buffer, 25 ms by default): a smaller chunk wakes the capture thread and the reader more often
     * for the same audio, a larger one adds latency.
     */
    private static final int MAX_CHUNK_MS = 50;
    private static final long CLOSE_WAIT_MS = 1000;

    /**
     * @param device     "default", a mixer name as {@link #listDevices(int)} shows it, or a unique part of one
     * @param targetRate the rate {@link #read} delivers
     * @param bufferMs   audio that may wait for the reader before the oldest is dropped; also the line's buffer
     * @param retryMin   the first wait before reopening a lost device
     * @param retryMax   the longest wait between reopening attempts
     * @param stallAfter silence from an open device after which it counts as lost: a driver can hang instead
     *                   of reporting an unplugged device
     * @param waitAtStart a device that cannot be opened at start is waited for like a lost one (the service),
     *                   instead of failing (commands run by hand)
     */
    public record Settings(String device, int targetRate, int bufferMs, Duration retryMin, Duration retryMax,
                           Duration stallAfter, boolean waitAtStart) {
        public Settings {
            Objects.requireNonNull(device, "device");
            if (targetRate <= 0 || bufferMs <= 0) {
                throw new IllegalArgumentException("rate and buffer must be positive: " + targetRate + " Hz, "
                        + bufferMs + " ms");
            }
            if (retryMin.isNegative() || retryMax.compareTo(retryMin) < 0) {
                throw new IllegalArgumentException("retry waits must satisfy 0 <= min <= max");
            }
            if (stallAfter.isNegative() || stallAfter.isZero()) {
                throw new IllegalArgumentException("stallAfter must be positive");
            }
        }

        /**
         * Reopening a lost device after 0.5 s, then waiting twice as long each time, up to 10 s; a device
         * silent for 2 s counts as lost.
         */
        public static Settings of(String device, int targetRate, int bufferMs) {
            return new Settings(device, targetRate, bufferMs, Duration.ofMillis(500), Duration.ofSeconds(10),
                    Duration.ofSeconds(2), false);
        }

        /** These settings, waiting at start for a device that is missing. */
        public Settings waitingAtStart() {
            return new Settings(device, targetRate, bufferMs, retryMin, retryMax, stallAfter, true);
        }
    }

    /**
     * @param overruns       times the reader was too slow and audio was dropped
     * @param droppedSamples samples (at the target rate) lost to overruns
     * @param reconnects     times the device was reopened after a failure
     */
    public record Counters(long overruns, long droppedSamples, long reconnects) {
    }

    /** Opens the capture line; a failure is an {@link AudioException} with the user-facing reason. */
    @FunctionalInterface
    public interface LineOpener {
        TargetDataLine open() throws AudioException;
    }

    private final Settings settings;
    private final LineOpener opener;
    private final SampleRing ring;
    private final Thread thread;
    private final Object wait = new Object();
    private final AtomicLong overruns = new AtomicLong();
    private final AtomicLong droppedSamples = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private volatile boolean closed;
    private volatile boolean waiting;
    /** When the capture thread last got audio from the line (System.nanoTime). */
    private volatile long lastAudio;
    /** Guarded by {@link #wait}, so that close() can stop whichever line the thread holds. */
    private TargetDataLine line;
    private long lastOverrunReport = System.nanoTime() - OVERRUN_REPORT_NANOS;
    private long overrunsAtLastReport;
    private long droppedAtLastReport;

    /** Captures from {@code device}, the constructor the daemon uses. */
    public AlsaCaptureSource(String device, int targetRate, int bufferMs) throws AudioException {
        this(Settings.of(device, targetRate, bufferMs));
    }

    public AlsaCaptureSource(Settings settings) throws AudioException {
        this(settings, () -> JavaSoundDevices.open(settings.device(), settings.targetRate(), settings.bufferMs()));
    }

    /**
     * Opens the device now, so that a wrong name or a missing microphone fails at start with a clear message;
     * later failures are retried instead.
     */
    public AlsaCaptureSource(Settings settings, LineOpener opener) throws AudioException {
        this.settings = settings;
        this.opener = opener;
        this.ring = new SampleRing(Math.max(1, (int) ((long) settings.targetRate() * settings.bufferMs() / 1000)));
        TargetDataLine first;
        try {
            first = opener.open();
        } catch (AudioException e) {
            if (!settings.waitAtStart()) throw e;
            // One line that names the cause and the fix; the retries stay at debug level.
            Logger.error("no microphone yet: {}; waiting for it, retrying every {} to {} s", e.getMessage(),
                    settings.retryMin().toMillis() / 1000.0, settings.retryMax().toMillis() / 1000.0);
            waiting = true;
            String reason = e.getMessage();
            lastAudio = System.nanoTime();
            this.thread = new Thread(() -> run(null, reason), "audio-capture");
            thread.setDaemon(true);
            thread.start();
            return;
        }
        Capture capture;
        try {
            capture = new Capture(first);
        } catch (AudioException | RuntimeException e) {
            first.close();
            throw e;
        }
        this.line = first;
        lastAudio = System.nanoTime(); // opening may take a while; that is not silence
        Logger.info("capturing from '{}': {} -> {} Hz mono, buffer {} ms", settings.device(), first.getFormat(),
                settings.targetRate(), settings.bufferMs());
        this.thread = new Thread(() -> run(capture, null), "audio-capture");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public boolean waitingForDevice() {
        return waiting && !closed;
    }

    /**
     * Sound devices, whether each captures and could be opened at {@code targetRate} now, and the formats they
     * report, for choosing the {@code device} setting.
     */
    public static List<CaptureDevice> listDevices(int targetRate) {
        return JavaSoundDevices.list(targetRate);
    }

    /** Audio moved from the line per read, for a source of {@code bufferMs}. */
    static int chunkMs(int bufferMs) {
        return Math.min(JavaSoundDevices.pollMs(bufferMs), MAX_CHUNK_MS);
    }

    @Override
    public int sampleRate() {
        return settings.targetRate();
    }

    /**
     * Blocks until audio is captured; -1 once closed. Waits through device loss and reconnection. While it
     * waits it also watches for a device that went silent without failing, and makes the capture thread
     * reopen it.
     */
    @Override
    public int read(short[] buffer, int offset, int length) throws IOException {
        long stallNanos = settings.stallAfter().toNanos();
        try {
            int n = 0;
            while (n == 0 && length > 0 && !closed) {
                n = ring.read(buffer, offset, length, stallNanos / 2);
                if (n == 0) {
                    checkStalled(stallNanos);
                }
            }
            return closed ? -1 : n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for audio");
        }
    }

    /** Closes a line that has delivered nothing for too long; the capture thread then treats it as lost. */
    private void checkStalled(long stallNanos) {
        long silent = System.nanoTime() - lastAudio;
        if (silent < stallNanos) {
            return;
        }
        synchronized (wait) {
            if (line != null && line.isOpen()) {
                Logger.warn("capture device '{}' delivered no audio for {} ms; reopening it", settings.device(),
                        silent / 1_000_000);
                line.close();
            }
        }
    }

    public Counters counters() {
        long overrunCount = overruns.get();
        return new Counters(overrunCount, droppedSamples.get(), reconnects.get());
    }

    /** Stops the capture thread (within about a second) and closes the device. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ring.close();
        synchronized (wait) {
            if (line != null) {
                line.close(); // makes a blocked line.read return
            }
            wait.notifyAll();
        }
        thread.interrupt();
        try {
            thread.join(CLOSE_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            Logger.warn("the audio capture thread did not stop within {} ms", CLOSE_WAIT_MS);
        }
    }

    /** @param first the open device, or null when it is still to be opened ({@code reason}: why it failed) */
    private void run(Capture first, String reason) {
        try {
            Capture capture = first != null ? first : reopen(reason);
            while (!closed) {
                String failure = capture.pump();
                if (closed) {
                    break;
                }
                Logger.warn("capture device '{}' failed ({}); reopening it, retrying after {} ms, backing off to "
                        + "every {} ms", settings.device(), failure, settings.retryMin().toMillis(),
                        settings.retryMax().toMillis());
                capture.line.close();
                capture = reopen(failure);
            }
        } catch (InterruptedException e) {
            // close() interrupts a wait between attempts; nothing more to do
        } finally {
            synchronized (wait) {
                if (line != null) {
                    line.close();
                }
            }
        }
    }

    /** Tries to open the device until it works or the source is closed, waiting longer after each failure. */
    private Capture reopen(String firstFailure) throws InterruptedException {
        waiting = true;
        long started = System.nanoTime();
        Duration backoff = settings.retryMin();
        String lastReason = firstFailure;
        int attempts = 0;
        while (true) {
            synchronized (wait) {
                line = null;
                if (!closed && backoff.toMillis() > 0) {
                    wait.wait(backoff.toMillis());
                }
            }
            if (closed) {
                throw new InterruptedException("closed");
            }
            attempts++;
            try {
                TargetDataLine opened = opener.open();
                Capture capture;
                try {
                    capture = new Capture(opened);
                } catch (AudioException | RuntimeException e) {
                    opened.close();
                    throw e;
                }
                synchronized (wait) {
                    if (closed) {
                        opened.close();
                        throw new InterruptedException("closed");
                    }
                    line = opened;
                    lastAudio = System.nanoTime();
                }
                reconnects.incrementAndGet();
                waiting = false;
                Logger.info("capture device '{}' is back after {} s and {} attempt(s): {}", settings.device(),
                        String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9), attempts,
                        opened.getFormat());
                return capture;
            } catch (AudioException | RuntimeException e) {
                String reason = e.getMessage();
                if (!Objects.equals(reason, lastReason)) {
                    Logger.debug("reopening '{}' failed: {}", settings.device(), reason);
                    lastReason = reason;
                }
            }
            backoff = backoff.multipliedBy(2);
            if (backoff.compareTo(settings.retryMax()) > 0) {
                backoff = settings.retryMax();
            }
        }
    }

    private void recordDropped(int dropped) {
        if (dropped == 0) {
            return;
        }
        // Samples before the count, and counters() reads them the other way round, so that a snapshot never
        // shows an overrun without its samples.
        long total = droppedSamples.addAndGet(dropped);
        long count = overruns.incrementAndGet();
        long now = System.nanoTime();
        if (now - lastOverrunReport >= OVERRUN_REPORT_NANOS) {
            Logger.warn("capture overrun: the detector is too slow; dropped {} ms of audio in {} overrun(s) since "
                            + "the last report ({} overruns in all)",
                    (total - droppedAtLastReport) * 1000 / settings.targetRate(), count - overrunsAtLastReport, count);
            lastOverrunReport = now;
            overrunsAtLastReport = count;
            droppedAtLastReport = total;
        }
    }

    /** One open line and the buffers for it, made when the line opens so the capture loop allocates nothing. */
    private final class Capture {
        final TargetDataLine line;
        final PcmConverter converter;
        final byte[] bytes;
        final short[] converted;
        final int frameBytes;

        Capture(TargetDataLine line) throws AudioException {
            this.line = line;
            AudioFormat f = line.getFormat();
            if (f.getEncoding() != AudioFormat.Encoding.PCM_SIGNED || f.getSampleSizeInBits() != 16
                    || f.getChannels() < 1 || f.getChannels() > 2) {
                throw new AudioException("capture device '" + settings.device() + "' opened as " + f
                        + ", not 16-bit signed mono or stereo");
            }
            PcmFormat format = new PcmFormat(Math.round(f.getSampleRate()), f.getChannels(), 16, f.isBigEndian());
            int chunkFrames = Math.max(1, format.sampleRate() * chunkMs(settings.bufferMs()) / 1000);
            try {
                this.converter = new PcmConverter(format, settings.targetRate(), chunkFrames);
            } catch (IllegalArgumentException e) {
                throw new AudioException("capture device '" + settings.device() + "' runs at " + format.sampleRate()
                        + " Hz, which cannot be resampled to " + settings.targetRate() + " Hz; " + e.getMessage());
            }
            this.frameBytes = format.frameBytes();
            this.bytes = new byte[chunkFrames * frameBytes];
            this.converted = new short[converter.maxOutput()];
            line.start();
        }

        /** Moves audio into the ring until the line fails or the source closes; returns why it stopped. */
        String pump() {
            while (!closed) {
                int n;
                try {
                    n = line.read(bytes, 0, bytes.length);
                } catch (RuntimeException e) {
                    return e.toString();
                }
                if (closed) {
                    break;
                }
                if (n > 0) {
                    lastAudio = System.nanoTime();
                }
                int frames = n / frameBytes;
                if (frames > 0) {
                    int m = converter.convert(bytes, 0, frames, converted, 0);
                    recordDropped(ring.write(converted, 0, m));
                }
                // A blocking read returns short only when the line stopped, closed or hit an error.
                if (n < bytes.length) {
                    return line.isOpen() ? "read " + n + " of " + bytes.length + " bytes" : "the line closed";
                }
            }
            return "closed";
        }
    }
}
