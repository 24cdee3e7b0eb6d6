package wakeword.hook;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;
import wakeword.config.Config;
import wakeword.config.ConfigException;

/**
 * Runs the config's {@code on_detect} command for each detection, one at a time on its own thread, so the audio
 * thread only ever drops an event into a bounded queue and never waits for a program. Each run gets the
 * detection in its environment and is killed after its time limit. A failure is logged once per kind (cannot
 * start, non-zero exit, killed for time, queue full); repeats go to the debug log, so a broken command cannot
 * flood the journal at every word.
 */
public final class CommandHook implements AutoCloseable {

    /** Detections waiting beyond this many are dropped: a command slower than the talk cannot pile up work. */
    static final int QUEUE = 8;

    /**
     * One detection, as the command sees it.
     *
     * @param wallTime   when it was detected
     * @param audioTime  seconds into the input, as logged
     * @param score      the score as logged
     * @param pinOn      the pin's logical state after the detection switched it
     */
    public record Event(Config.OnDetect command, Instant wallTime, double audioTime, String score, boolean pinOn,
                        int pin, String keyword) {
    }

    private enum Failure {
        START("cannot be started"), EXIT("exited with an error"), TIMEOUT("ran past on_detect.timeout_ms and was"
                + " killed"), BUSY("was still busy with earlier detections; a detection was dropped");

        final String text;

        Failure(String text) {
            this.text = text;
        }
    }

    private static final Event STOP = new Event(new Config.OnDetect(List.of(), 100), Instant.EPOCH, 0, "", false, 0, "");

    private final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(QUEUE + 1);
    private final Set<Failure> reported = EnumSet.noneOf(Failure.class);
    private final Thread worker;
    private volatile boolean dropPending;

    public CommandHook() {
        worker = new Thread(this::work, "on-detect");
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * Checks that the command's program exists and may be run, at start and before a reload takes the config.
     *
     * @throws ConfigException naming the program and the fix
     */
    public static void check(Config.OnDetect onDetect) {
        if (onDetect.command().isEmpty()) return;
        String program = onDetect.command().get(0);
        if (program.isEmpty()) {
            throw new ConfigException("on_detect starts with an empty program name; write the program first");
        }
        if (program.contains("/")) {
            Path p = Path.of(program);
            if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
                throw new ConfigException("on_detect: " + program + (Files.exists(p) ? " is not an executable file"
                        : " does not exist") + "; give the full path of a program (chmod +x for a script)");
            }
            return;
        }
        if (onPath(program).isEmpty()) {
            throw new ConfigException("on_detect: no program '" + program + "' in PATH (" + System.getenv("PATH")
                    + "); install it or give its full path");
        }
    }

    private static Optional<Path> onPath(String program) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    /** Queues a run for {@code event}; never blocks. Does nothing when no command is configured. */
    public void submit(Event event) {
        if (event.command().command().isEmpty()) return;
        if (queue.remainingCapacity() <= 1 || !queue.offer(event)) {
            report(Failure.BUSY, event.command(), "");
        }
    }

    /**
     * Waits for the queued runs to finish (each within its time limit), then stops the worker.
     *
     * @param runPending false to finish only the run in progress and drop what waits (a stop by signal, which
     *                   systemd allows only TimeoutStopSec for)
     */
    public void close(boolean runPending) {
        dropPending = !runPending;
        if (!runPending && !queue.isEmpty()) {
            Logger.info("stopping: {} queued on_detect run(s) dropped", queue.size());
            queue.clear();
        }
        try {
            queue.put(STOP);
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(true);
    }

    private void work() {
        try {
            for (Event e = queue.take(); e != STOP; e = queue.take()) {
                if (!dropPending) run(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(Event e) {
        List<String> argv = e.command().command();
        ProcessBuilder builder = new ProcessBuilder(argv)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        Map<String, String> env = builder.environment();
        // systemd's notify socket belongs to the daemon alone.
        env.remove("NOTIFY_SOCKET");
        env.remove("WATCHDOG_USEC");
        env.remove("WATCHDOG_PID");
        env.put("WAKEWORD_TIME", e.wallTime().toString());
        env.put("WAKEWORD_AUDIO_TIME", String.format(Locale.ROOT, "%.2f", e.audioTime()));
        env.put("WAKEWORD_SCORE", e.score());
        env.put("WAKEWORD_PIN", e.pinOn() ? "on" : "off");
        env.put("WAKEWORD_GPIO", Integer.toString(e.pin()));
        env.put("WAKEWORD_KEYWORD", e.keyword());
        Process process;
        try {
            process = builder.start();
        } catch (IOException ex) {
            report(Failure.START, e.command(), ex.getMessage());
            return;
        }
        try {
            if (!process.waitFor(e.command().timeoutMs(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor();
                report(Failure.TIMEOUT, e.command(), "after " + e.command().timeoutMs() + " ms");
            } else if (process.exitValue() != 0) {
                report(Failure.EXIT, e.command(), "status " + process.exitValue());
            } else {
                Logger.debug("on_detect finished: {}", argv);
            }
        } catch (InterruptedException ex) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void report(Failure kind, Config.OnDetect command, String detail) {
        boolean first;
        synchronized (reported) {
            first = reported.add(kind);
        }
        String text = "on_detect " + command.command() + " " + kind.text + (detail.isEmpty() ? "" : " (" + detail + ")");
        if (first) {
            Logger.warn("{}; later failures of this kind are logged at debug level only", text);
        } else {
            Logger.debug(text);
        }
    }
}
