package wakeword.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The real CLI in a child JVM, started the way a user or systemd starts it, so what is checked is what a
 * user sees: the exit status, every byte on stdout and stderr (native libraries' output included), and
 * the reaction to real signals.
 */
public final class CliProcess implements AutoCloseable {

    /** What a finished command printed. */
    public record Result(int status, List<String> out, List<String> err) {
        /** The lines the CLI prints for a failure a user can fix. */
        public List<String> errorLines() {
            return err.stream().filter(l -> l.startsWith("wakeword: error: ")).toList();
        }

        public String describe() {
            return "exit " + status + "\n--- stdout:\n" + String.join("\n", out) + "\n--- stderr:\n" + String.join("\n", err);
        }
    }

    private final Process process;
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();
    private final Thread outReader;
    private final Thread errReader;

    private CliProcess(Process process) {
        this.process = process;
        this.outReader = collect(process.getInputStream(), out, "stdout");
        this.errReader = collect(process.getErrorStream(), err, "stderr");
    }

    /** Runs {@code wakeword args...} to completion with {@code stdin} as its input (nothing: empty). */
    public static Result run(Path workDir, byte[] stdin, String... args) throws IOException, InterruptedException {
        try (CliProcess p = start(workDir, List.of(), args)) {
            try (OutputStream in = p.stdin()) {
                if (stdin != null) in.write(stdin);
            } catch (IOException e) {
                // The CLI may exit (on bad input) before it reads stdin: a broken pipe is its answer, not ours.
            }
            int status = p.awaitExit(Duration.ofSeconds(120));
            return new Result(status, p.stdout(), p.stderr());
        }
    }

    /** Starts {@code java [jvmOptions] -cp <test classpath> wakeword.cli.Main args...}. */
    public static CliProcess start(Path workDir, List<String> jvmOptions, String... args) throws IOException {
        return startUnder(List.of(), workDir, jvmOptions, args);
    }

    /** The same, started through a wrapper command such as {@code nohup}. */
    public static CliProcess startUnder(List<String> wrapper, Path workDir, List<String> jvmOptions, String... args)
            throws IOException {
        return launch(wrapper, Map.of(), workDir, jvmOptions, args);
    }

    /** The same, with {@code env} added to (or replacing in) the test's own environment. */
    public static CliProcess startWith(Map<String, String> env, Path workDir, List<String> jvmOptions, String... args)
            throws IOException {
        return launch(List.of(), env, workDir, jvmOptions, args);
    }

    private static CliProcess launch(List<String> wrapper, Map<String, String> env, Path workDir,
                                     List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>(wrapper);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        // Systemd's notify socket would belong to the test's own service manager, never the child's.
        builder.environment().remove("NOTIFY_SOCKET");
        builder.environment().remove("WATCHDOG_USEC");
        builder.environment().putAll(env);
        return new CliProcess(builder.start());
    }

    public OutputStream stdin() {
        return process.getOutputStream();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Sends a signal by name (TERM, INT, HUP) with kill(1), as systemd or a shell would. */
    public void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + name + " failed");
    }

    /** Waits for the process to end, or fails the test (and kills it) after {@code limit}. */
    public int awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            fail("wakeword did not exit within " + limit + "\n--- stdout:\n" + String.join("\n", stdout())
                    + "\n--- stderr:\n" + String.join("\n", stderr()));
        }
        outReader.join(10_000);
        errReader.join(10_000);
        return process.exitValue();
    }

    /**
     * Waits until stdout or stderr holds a line matching {@code wanted} after the first {@code skip} matching
     * lines, or fails with everything printed so far.
     */
    public String awaitLine(Predicate<String> wanted, int skip, Duration limit, String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> matches = new ArrayList<>(stdout().stream().filter(wanted).toList());
            matches.addAll(stderr().stream().filter(wanted).toList());
            if (matches.size() > skip) return matches.get(skip);
            if (!process.isAlive() && !outReader.isAlive() && !errReader.isAlive()) break;
            Thread.sleep(20);
        }
        fail("no line " + what + " within " + limit + " (alive: " + process.isAlive() + ")\n--- stdout:\n"
                + String.join("\n", stdout()) + "\n--- stderr:\n" + String.join("\n", stderr()));
        return null;
    }

    public List<String> stdout() {
        synchronized (out) {
            return List.copyOf(out);
        }
    }

    public List<String> stderr() {
        synchronized (err) {
            return List.copyOf(err);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) process.destroyForcibly();
    }

    private static Thread collect(InputStream stream, List<String> lines, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                synchronized (lines) {
                    lines.add("(test: reading " + name + " failed: " + e + ")");
                }
            }
        }, "wakeword-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
