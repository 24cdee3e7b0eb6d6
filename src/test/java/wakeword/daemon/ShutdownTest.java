package wakeword.daemon;

import wakeword.testing.NativeNotices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wakeword.cli.CliProcess;

/**
 * The daemon as systemd runs it: a child JVM with the unit's JVM options, {@code run --input -} fed real
 * speech through a pipe at real-time pace, stopped and reloaded by real signals. The stop time is measured
 * and printed (the test report keeps it); only a generous hang guard is asserted.
 */
class ShutdownTest {

    /** Far above any sane stop time; systemd's TimeoutStopSec is 10 s as well. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(10);
    private static final Duration START_LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Path config;
    private byte[] speech;

    @BeforeEach
    void prepare() throws IOException {
        speech = SpeechFeed.realSpeech();
        config = dir.resolve("wakeword.conf");
    }

    @Test
    void sigtermStopsWithThePinBackToIdle() throws Exception {
        stopsOnSignal("TERM");
    }

    @Test
    void sigintStopsWithThePinBackToIdle() throws Exception {
        // A shell without job control starts background jobs with SIGINT ignored, the daemon inherits that, and the
        // JVM then never installs a handler for it: nothing in the daemon can see the signal.
        assumeTrue(!ignoredHere(2), "SIGINT is ignored in this process (a background job of a non-interactive shell)");
        stopsOnSignal("INT");
    }

    /** Whether signal {@code number} is ignored in this JVM, as a child it starts inherits: /proc's SigIgn mask. */
    private static boolean ignoredHere(int number) throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) return false;
        for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << (number - 1))) != 0;
            }
        }
        return false;
    }

    /**
     * Latch mode: the first detection drives the pin on and nothing but the stop turns it off again, so the
     * last logged level change proves the pin went back to idle at shutdown.
     */
    private void stopsOnSignal(String signal) throws Exception {
        writeConfig("gpio.mode = latch");
        try (CliProcess daemon = startDaemon(); SpeechFeed feed = SpeechFeed.start(daemon.stdin(), speech)) {
            daemon.awaitLine(l -> l.startsWith("INFO: listening:"), 0, START_LIMIT, "listening");
            daemon.awaitLine(l -> l.contains("detected \"stop\""), 0, Duration.ofSeconds(60), "with a detection");
            daemon.awaitLine(l -> l.endsWith("GPIO 17 would go HIGH"), 0, Duration.ofSeconds(5), "pin on");

            long sent = System.nanoTime();
            daemon.signal(signal);
            int status = daemon.awaitExit(HANG_GUARD);
            long stopMs = (System.nanoTime() - sent) / 1_000_000;
            System.out.printf(Locale.ROOT, "SIG%s -> exit: %d ms (pid %d, %.1f s of audio fed)%n", signal, stopMs,
                    daemon.pid(), feed.bytesWritten() / 32000.0);

            String out = String.join("\n", daemon.stdout());
            assertEquals(0, status, "exit status after SIG" + signal + "\n" + out);
            assertTrue(daemon.stdout().stream().anyMatch(l -> l.matches(
                    "INFO: stopped after [1-9]\\d* detection\\(s\\); pin back to idle")), out);
            List<String> levels = daemon.stdout().stream().filter(l -> l.contains("GPIO 17 would")).toList();
            assertEquals("INFO: GPIO disabled: GPIO 17 would go LOW", levels.get(levels.size() - 1),
                    "the last level change is the release at stop\n" + out);
            assertEquals(List.of(), NativeNotices.without(daemon.stderr()), "nothing on stderr for a clean stop");
        }
    }

    /**
     * arecord waiting on a wedged device keeps the pipe open and sends nothing: the stop must not wait for
     * it (systemd would SIGKILL after TimeoutStopSec and the pin would stay where it was).
     */
    @Test
    void sigtermStopsWhileTheAudioWriterStalls() throws Exception {
        writeConfig();
        try (CliProcess daemon = startDaemon()) {
            daemon.stdin().write(speech, 0, 2 * 32000);
            daemon.stdin().flush();
            daemon.awaitLine(l -> l.startsWith("INFO: listening:"), 0, START_LIMIT, "listening");
            // Two seconds of audio take a few milliseconds: after this the daemon waits on an empty pipe.
            Thread.sleep(1000);
            long sent = System.nanoTime();
            daemon.signal("TERM");
            int status = daemon.awaitExit(HANG_GUARD);
            System.out.printf(Locale.ROOT, "SIGTERM with a stalled writer -> exit: %d ms%n",
                    (System.nanoTime() - sent) / 1_000_000);
            assertEquals(0, status, String.join("\n", daemon.stdout()));
            assertTrue(daemon.stdout().stream().anyMatch(l -> l.endsWith("pin back to idle")),
                    String.join("\n", daemon.stdout()));
        }
    }

    /** A finite pipe (a recording piped in) ends the daemon like a stop: status 0, pin released. */
    @Test
    void theEndOfThePipedInputStopsCleanly() throws Exception {
        writeConfig("gpio.mode = latch");
        try (CliProcess daemon = startDaemon()) {
            try (var in = daemon.stdin()) {
                in.write(speech);
                // An odd trailing byte: half a sample, which the reader drops.
                in.write(7);
            }
            assertEquals(0, daemon.awaitExit(Duration.ofSeconds(60)), String.join("\n", daemon.stdout()));
            List<String> out = daemon.stdout();
            assertTrue(out.contains("INFO: the input ended (standard input closed); stopping"), String.join("\n", out));
            assertTrue(out.stream().anyMatch(l -> l.matches("INFO: stopped after [1-9]\\d* detection\\(s\\); pin back to idle")),
                    String.join("\n", out));
            List<String> levels = out.stream().filter(l -> l.contains("GPIO 17 would")).toList();
            assertEquals("INFO: GPIO disabled: GPIO 17 would go LOW", levels.get(levels.size() - 1), String.join("\n", out));
            assertEquals(List.of(), NativeNotices.without(daemon.stderr()));
        }
    }

    @Test
    void sighupAppliesAValidConfigAndRefusesAnInvalidOne() throws Exception {
        writeConfig("log.level = debug");
        try (CliProcess daemon = startDaemon(); SpeechFeed feed = SpeechFeed.start(daemon.stdin(), speech)) {
            daemon.awaitLine(l -> l.startsWith("INFO: listening:"), 0, START_LIMIT, "listening");

            writeConfig("log.level = debug", "threshold = 0.9");
            daemon.signal("HUP");
            daemon.awaitLine(l -> l.equals("INFO: reloaded the config"), 0, Duration.ofSeconds(20), "reloaded");
            String relistening = daemon.awaitLine(l -> l.startsWith("INFO: listening:"), 1,
                    Duration.ofSeconds(20), "listening again after the reload");
            assertTrue(relistening.contains("threshold 0.9"), relistening);

            writeConfig("log.level = debug", "threshold = 7");
            daemon.signal("HUP");
            String refused = daemon.awaitLine(l -> l.startsWith("ERROR: reload refused, keeping the running config"),
                    0, Duration.ofSeconds(20), "refusing the bad config");
            assertTrue(refused.contains("threshold = 7") && refused.contains("from 0 to 1"), refused);

            // Still running the old config: scores keep coming, and no pipeline was rebuilt.
            long scoresBefore = scoreLines(daemon);
            Thread.sleep(1500);
            assertTrue(daemon.isAlive(), "the daemon died after refusing a config");
            assertTrue(scoreLines(daemon) > scoresBefore + 25, "no audio processed after the refusal");
            assertEquals(2, daemon.stdout().stream().filter(l -> l.startsWith("INFO: listening:")).count());

            daemon.signal("TERM");
            assertEquals(0, daemon.awaitExit(HANG_GUARD), String.join("\n", daemon.stdout()));
            assertTrue(feed.bytesWritten() > 0);
        }
    }

    /** nohup starts the daemon with SIGHUP ignored; a reload must still work. */
    @Test
    void sighupReloadsUnderNohup() throws Exception {
        writeConfig();
        try (CliProcess daemon = CliProcess.startUnder(List.of("nohup"), dir, unitJvmOptions(), "run", "--config",
                config.toString(), "--input", "-");
             SpeechFeed feed = SpeechFeed.start(daemon.stdin(), new byte[32000])) {
            daemon.awaitLine(l -> l.startsWith("INFO: listening:"), 0, START_LIMIT, "listening");
            writeConfig("threshold = 0.9");
            daemon.signal("HUP");
            String relistening = daemon.awaitLine(l -> l.startsWith("INFO: listening:"), 1,
                    Duration.ofSeconds(20), "listening again after the reload");
            assertTrue(relistening.contains("threshold 0.9"), relistening);
            daemon.signal("TERM");
            assertEquals(0, daemon.awaitExit(HANG_GUARD), String.join("\n", daemon.stdout()));
        }
    }

    /**
     * The service's case of a microphone that is not there (device names none that exists, or it is not
     * plugged in): one ERROR line, then waiting with retries instead of an exit that systemd would restart into
     * the same failure; a reload with the right device starts capture. Real ALSA: the test PCM of
     * src/test/resources/audio/alsa-test.conf.
     */
    @Test
    void aMissingMicrophoneIsWaitedForNotAnExit() throws Exception {
        assumeTrue(System.getenv("ALSA_CONFIG_PATH") != null, "run through Maven: surefire sets up the ALSA test PCM");
        Path input = Files.write(dir.resolve("mic.raw"), speech);
        String base = "model = " + shippedModel() + "\ninput = alsa\ngpio.enabled = false\n";
        Files.writeString(config, base + "device = no-such-mic\n");
        try (CliProcess daemon = CliProcess.startWith(java.util.Map.of("WAKE_TEST_AUDIO", input.toString()), dir,
                unitJvmOptions(), "run", "--config", config.toString())) {
            String error = daemon.awaitLine(l -> l.startsWith("ERROR: "), 0, START_LIMIT, "saying the microphone is missing");
            assertTrue(error.startsWith("ERROR: no microphone yet: no capture device matches 'no-such-mic'")
                    && error.contains("waiting for it"), error);
            Thread.sleep(3000);
            assertTrue(daemon.isAlive(), String.join("\n", daemon.stdout()));
            assertEquals(1, daemon.stdout().stream().filter(l -> l.startsWith("ERROR")).count(),
                    "one line while it waits\n" + String.join("\n", daemon.stdout()));

            Files.writeString(config, base + "device = default\n");
            daemon.signal("HUP");
            daemon.awaitLine(l -> l.startsWith("INFO: capturing from 'default'"), 0, Duration.ofSeconds(30),
                    "capturing from the device the reloaded config names");
            daemon.signal("TERM");
            assertEquals(0, daemon.awaitExit(HANG_GUARD), String.join("\n", daemon.stdout()));
        }
    }

    private static long scoreLines(CliProcess daemon) {
        return daemon.stdout().stream().filter(l -> l.startsWith("DEBUG: t=")).count();
    }

    private CliProcess startDaemon() throws IOException {
        return CliProcess.start(dir, unitJvmOptions(), "run", "--config", config.toString(), "--input", "-");
    }

    private void writeConfig(String... extra) throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "model = " + shippedModel(),
                "input = -",
                "gpio.enabled = false",
                "gpio.pin = 17"));
        lines.addAll(Arrays.asList(extra));
        Path next = dir.resolve("wakeword.conf.new");
        Files.writeString(next, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        // Replaced in one step, as an editor or config management would, so a reload never reads half a file.
        Files.move(next, config, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static Path repository() {
        return Path.of(System.getProperty("wakeword.repo", ".")).toAbsolutePath().normalize();
    }

    static Path shippedModel() {
        Path model = repository().resolve("models/stop.tflite");
        assertTrue(Files.isRegularFile(model), "the shipped model is missing: " + model);
        return model;
    }

    /**
     * The JVM options of systemd/wakeword.service's ExecStart (heap, stack, GC, ...), so the test runs the
     * daemon in the memory the service gets. Options naming systemd's directories (%C) are left out.
     */
    static List<String> unitJvmOptions() throws IOException {
        String exec = Files.readAllLines(repository().resolve("systemd/wakeword.service")).stream()
                .filter(l -> l.startsWith("ExecStart=")).findFirst()
                .orElseThrow(() -> new AssertionError("systemd/wakeword.service has no ExecStart"));
        List<String> words = Arrays.asList(exec.substring("ExecStart=".length()).trim().split("\\s+"));
        int jar = words.indexOf("-jar");
        assertTrue(jar > 1, "ExecStart does not run java ... -jar: " + exec);
        return words.subList(1, jar).stream().filter(w -> w.startsWith("-X") && !w.contains("%")).toList();
    }
}
