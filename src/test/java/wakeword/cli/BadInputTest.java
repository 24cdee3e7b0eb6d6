package wakeword.cli;

import wakeword.testing.NativeNotices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input a user can hand the CLI, run through the real command in a child JVM: each must
 * give its own exit status and exactly one {@code wakeword: error:} line that names the cause and the fix,
 * with no stack trace and no stray native output. The models are the fixtures in
 * src/test/resources/models (see the README there); WAV files are written per test.
 */
class BadInputTest {

    private static final Pattern STACK_FRAME = Pattern.compile("^\\s+at [\\w.$<>]+\\(.*\\)$");
    /** What replay's log lines look like on stderr (tinylog "{level}: {message}"). */
    private static final Pattern LOG_LINE = Pattern.compile("^(INFO|WARN|DEBUG|TRACE): .*");

    @TempDir
    Path dir;

    private Path config;

    @BeforeEach
    void writeConfigWithTheTinyModel() throws IOException {
        for (String name : List.of("tiny", "wrong-shape", "float", "not-tflite")) {
            Files.copy(fixture(name + ".tflite"), dir.resolve(name + ".tflite"));
            Files.copy(fixture(name + ".json"), dir.resolve(name + ".json"));
        }
        config = writeConfig("wakeword.conf", "model = tiny.tflite", "gpio.enabled = false");
        Files.write(dir.resolve("speech.wav"), wav(1, 1, 16000, 16, noise(16000, 1)));
    }

    // ------------------------------------------------------------------ the control case

    @Test
    void aValidWavWithAValidModelReplaysCleanly() throws Exception {
        CliProcess.Result r = replay("speech.wav");
        assertEquals(ExitStatus.OK, r.status(), r.describe());
        assertEquals(List.of(), r.errorLines(), r.describe());
        assertTrue(r.err().stream().anyMatch(l -> l.startsWith("INFO: replayed 1.0 s of audio")), r.describe());
        assertOnlyLogLinesBesidesTheError(r);
    }

    // ------------------------------------------------------------------ audio

    @Test
    void malformedWavHeader() throws Exception {
        byte[] bytes = wav(1, 1, 16000, 16, noise(1600, 2));
        // A fmt chunk that claims 4 bytes: too short to hold a format.
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(16, 4);
        Files.write(dir.resolve("bad.wav"), bytes);
        assertOneError(replay("bad.wav"), ExitStatus.AUDIO, "bad.wav", "malformed WAV header", "sox");
    }

    @Test
    void notAWavAtAll() throws Exception {
        Files.writeString(dir.resolve("notes.wav"), "these are notes, not audio\n");
        assertOneError(replay("notes.wav"), ExitStatus.AUDIO, "notes.wav", "not a WAV file", "sox");
    }

    @Test
    void wavCutInsideItsHeader() throws Exception {
        byte[] bytes = wav(1, 1, 16000, 16, noise(1600, 3));
        Files.write(dir.resolve("cut.wav"), java.util.Arrays.copyOf(bytes, 30));
        assertOneError(replay("cut.wav"), ExitStatus.AUDIO, "cut.wav", "truncated WAV header", "re-record");
    }

    @Test
    void wavCutInsideItsSamplesIsReadWithAWarning() throws Exception {
        byte[] bytes = wav(1, 1, 16000, 16, noise(16000, 4));
        Files.write(dir.resolve("short.wav"), java.util.Arrays.copyOf(bytes, 44 + 16000));
        CliProcess.Result r = replay("short.wav");
        assertEquals(ExitStatus.OK, r.status(), r.describe());
        assertEquals(List.of(), r.errorLines(), r.describe());
        assertTrue(r.err().stream().anyMatch(l -> l.startsWith("WARN: ") && l.contains("short.wav")
                && l.contains("cut short") && l.contains("8000 of 16000 frames")), r.describe());
        assertTrue(r.err().stream().anyMatch(l -> l.startsWith("INFO: replayed 0.5 s")), r.describe());
        assertOnlyLogLinesBesidesTheError(r);
    }

    @Test
    void wavWithoutSamples() throws Exception {
        Files.write(dir.resolve("empty.wav"), wav(1, 1, 16000, 16, new byte[0]));
        assertOneError(replay("empty.wav"), ExitStatus.AUDIO, "empty.wav", "no samples");
    }

    @Test
    void zeroByteFile() throws Exception {
        Files.write(dir.resolve("zero.wav"), new byte[0]);
        assertOneError(replay("zero.wav"), ExitStatus.AUDIO, "zero.wav", "empty (0 bytes)");
    }

    @Test
    void eightBitPcm() throws Exception {
        byte[] samples = new byte[1600];
        java.util.Arrays.fill(samples, (byte) 128);
        Files.write(dir.resolve("u8.wav"), wav(1, 1, 16000, 8, samples));
        assertOneError(replay("u8.wav"), ExitStatus.AUDIO, "u8.wav", "unsupported WAV format", "8", "sox");
    }

    @Test
    void floatPcm() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(4 * 1600).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 1600; i++) b.putFloat((float) Math.sin(i * 0.1) * 0.1f);
        Files.write(dir.resolve("f32.wav"), wav(3, 1, 16000, 32, b.array()));
        assertOneError(replay("f32.wav"), ExitStatus.AUDIO, "f32.wav", "unsupported WAV format", "float", "sox");
    }

    @Test
    void threeChannels() throws Exception {
        Files.write(dir.resolve("3ch.wav"), wav(1, 3, 16000, 16, noise(3 * 1600, 5)));
        assertOneError(replay("3ch.wav"), ExitStatus.AUDIO, "3ch.wav", "unsupported WAV format", "3", "sox");
    }

    @Test
    void missingWav() throws Exception {
        assertOneError(replay("nowhere.wav"), ExitStatus.AUDIO, "nowhere.wav", "no such file", "check the path");
    }

    @Test
    void theDaemonRejectsABadWavInputTheSameWay() throws Exception {
        Files.write(dir.resolve("u8.wav"), wav(1, 1, 16000, 8, new byte[1600]));
        CliProcess.Result r = CliProcess.run(dir, null, "run", "--config", config.toString(), "--input", "u8.wav");
        assertOneError(r, ExitStatus.AUDIO, "u8.wav", "unsupported WAV format", "sox");
        // The daemon logs to stdout (journald); stderr carries the error line and nothing else but TFLite's own
        // notice that it applied XNNPACK, which the native library prints and this build offers no way to silence.
        assertEquals(r.errorLines(), NativeNotices.without(r.err()), r.describe());
    }

    // ------------------------------------------------------------------ model

    @Test
    void modelThatIsNotTflite() throws Exception {
        assertOneError(replay("speech.wav", "--model", "not-tflite.tflite"), ExitStatus.MODEL,
                "not-tflite.tflite", "not a TFLite flatbuffer", "tools/train");
    }

    @Test
    void modelFileCutShort() throws Exception {
        byte[] tiny = Files.readAllBytes(dir.resolve("tiny.tflite"));
        Files.write(dir.resolve("cut.tflite"), java.util.Arrays.copyOf(tiny, tiny.length / 2));
        Files.copy(dir.resolve("tiny.json"), dir.resolve("cut.json"));
        assertOneError(replay("speech.wav", "--model", "cut.tflite"), ExitStatus.MODEL,
                "cut.tflite", "not a TFLite flatbuffer", "tools/train");
    }

    @Test
    void modelWhoseInputShapeDiffersFromItsManifest() throws Exception {
        assertOneError(replay("speech.wav", "--model", "wrong-shape.tflite"), ExitStatus.MODEL,
                "wrong-shape.tflite", "does not match its manifest", "[1, 49, 10, 1]", "[1, 40, 10, 1]",
                "written together");
    }

    @Test
    void floatModelWhereInt8IsExpected() throws Exception {
        assertOneError(replay("speech.wav", "--model", "float.tflite"), ExitStatus.MODEL,
                "float.tflite", "expected int8", "got float32", "written together");
    }

    @Test
    void modelWithoutItsManifest() throws Exception {
        Files.copy(dir.resolve("tiny.tflite"), dir.resolve("alone.tflite"));
        assertOneError(replay("speech.wav", "--model", "alone.tflite"), ExitStatus.MODEL,
                "alone.json", "missing", "copy it next to the .tflite");
    }

    @Test
    void manifestWithoutATriggerSection() throws Exception {
        Files.copy(dir.resolve("tiny.tflite"), dir.resolve("partial.tflite"));
        String manifest = Files.readString(dir.resolve("tiny.json"));
        String cut = manifest.replaceAll("(?s),\\s*\"trigger\": \\{[^}]*}", "");
        assertFalse(cut.contains("trigger"), "the fixture manifest changed shape:\n" + manifest);
        Files.writeString(dir.resolve("partial.json"), cut);
        assertOneError(replay("speech.wav", "--model", "partial.tflite"), ExitStatus.MODEL,
                "partial.json", "no 'trigger' section", "regenerate it");
    }

    @Test
    void manifestThatIsNotJson() throws Exception {
        Files.copy(dir.resolve("tiny.tflite"), dir.resolve("garbled.tflite"));
        Files.writeString(dir.resolve("garbled.json"), "{\"name\": \"garbled\", \"input\": [");
        assertOneError(replay("speech.wav", "--model", "garbled.tflite"), ExitStatus.MODEL,
                "garbled.json", "not valid", "regenerate it");
    }

    @Test
    void missingModel() throws Exception {
        assertOneError(replay("speech.wav", "--model", "gone.tflite"), ExitStatus.MODEL, "gone", "missing");
    }

    // ------------------------------------------------------------------ config

    @Test
    void missingConfigFile() throws Exception {
        CliProcess.Result r = CliProcess.run(dir, null, "replay", "speech.wav", "--config", "absent.conf");
        assertOneError(r, ExitStatus.CONFIG, "absent.conf", "does not exist", "--config");
    }

    @Test
    void unreadableConfigFile() throws Exception {
        Path locked = writeConfig("locked.conf", "model = tiny.tflite");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        // root reads a file whatever its mode: there is nothing to refuse.
        assumeFalse(Files.isReadable(locked), "running as root: chmod 000 does not stop reads");
        CliProcess.Result r = CliProcess.run(dir, null, "replay", "speech.wav", "--config", locked.toString());
        assertOneError(r, ExitStatus.CONFIG, "locked.conf", "not readable", "make it readable");
    }

    @Test
    void configIsADirectory() throws Exception {
        Files.createDirectory(dir.resolve("conf.d"));
        CliProcess.Result r = CliProcess.run(dir, null, "replay", "speech.wav", "--config", "conf.d");
        assertOneError(r, ExitStatus.CONFIG, "conf.d", "directory", "--config");
    }

    @Test
    void unknownConfigKey() throws Exception {
        Path bad = writeConfig("typo.conf", "model = tiny.tflite", "treshold = 0.5");
        CliProcess.Result r = CliProcess.run(dir, null, "replay", "speech.wav", "--config", bad.toString());
        assertOneError(r, ExitStatus.CONFIG, "typo.conf:2", "treshold", "unknown key", "did you mean threshold?");
    }

    @Test
    void badConfigValue() throws Exception {
        Path bad = writeConfig("value.conf", "model = tiny.tflite", "gpio.enabled = false", "threshold = 1.5");
        CliProcess.Result r = CliProcess.run(dir, null, "run", "--config", bad.toString(), "--input", "speech.wav");
        assertOneError(r, ExitStatus.CONFIG, "value.conf:3", "threshold = 1.5", "from 0 to 1");
        assertEquals(r.errorLines(), r.err(), r.describe());
    }

    @Test
    void badCommandLineValue() throws Exception {
        CliProcess.Result r = replay("speech.wav", "--threshold", "high");
        assertOneError(r, ExitStatus.CONFIG, "command line", "threshold = high", "from 0 to 1");
    }

    // ------------------------------------------------------------------ gpio

    /**
     * Off a Raspberry Pi, {@code gpio.enabled = true} makes Pi4J's gpiod provider fail the way it fails on a
     * Pi whose pin cannot be claimed; what the CLI does with the resulting GpioException is the same for
     * every cause. The busy-pin and permission texts themselves are mapped from libgpiod's messages in
     * wakeword.gpio.GpioErrors and checked in GpioFactoryTest.
     */
    @Test
    void gpioThatCannotBeDriven() throws Exception {
        assumeFalse(Files.exists(Path.of("/proc/device-tree/model"))
                && Files.readString(Path.of("/proc/device-tree/model")).contains("Raspberry Pi"),
                "on a Raspberry Pi GPIO may well work");
        Path conf = writeConfig("pi.conf", "model = tiny.tflite", "gpio.enabled = true", "gpio.pin = 23");
        CliProcess.Result r = CliProcess.run(dir, null, "run", "--config", conf.toString(), "--input", "speech.wav");
        assertOneError(r, ExitStatus.GPIO, "Raspberry Pi", "gpio.enabled = auto or false");
        assertEquals(r.errorLines(), r.err(), r.describe());
    }

    // ------------------------------------------------------------------ helpers

    private CliProcess.Result replay(String wav, String... more) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("replay", wav, "--config", config.toString()));
        args.addAll(List.of(more));
        return CliProcess.run(dir, null, args.toArray(new String[0]));
    }

    /**
     * The failure contract: the status, one error line holding every expected fragment (the cause and the
     * fix), nothing else but log lines, and no stack trace anywhere.
     */
    private static void assertOneError(CliProcess.Result r, int status, String... fragments) {
        assertEquals(status, r.status(), r.describe());
        List<String> errors = r.errorLines();
        assertEquals(1, errors.size(), "want exactly one error line\n" + r.describe());
        String message = errors.get(0).toLowerCase(Locale.ROOT);
        for (String f : fragments) {
            assertTrue(message.contains(f.toLowerCase(Locale.ROOT)), "error line lacks \"" + f + "\": " + errors.get(0));
        }
        assertTrue(message.contains(";") || message.contains(":"), "no fix after the cause: " + errors.get(0));
        assertOnlyLogLinesBesidesTheError(r);
    }

    /**
     * No stack frame anywhere, no exception class name on stderr, and stderr holds only log lines and the
     * error line. (The daemon's log on stdout may quote a library's own log text, such as Pi4J naming the
     * IOException it met while probing for a Raspberry Pi; that is not a trace.)
     */
    private static void assertOnlyLogLinesBesidesTheError(CliProcess.Result r) {
        for (String line : Stream.concat(r.out().stream(), r.err().stream()).toList()) {
            assertFalse(STACK_FRAME.matcher(line).matches(), "stack frame in the output: " + line + "\n" + r.describe());
        }
        for (String line : r.err()) {
            assertFalse(line.contains("Exception"), "exception name on stderr: " + line + "\n" + r.describe());
            assertTrue(line.startsWith("wakeword: error: ") || LOG_LINE.matcher(line).matches(),
                    "stray stderr line (native output?): " + line + "\n" + r.describe());
        }
    }

    private Path writeConfig(String name, String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private static Path fixture(String name) {
        try {
            return Path.of(BadInputTest.class.getResource("/models/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test fixture models/" + name + " is missing from the test classpath", e);
        }
    }

    /** Little-endian 16-bit noise, {@code count} samples, quiet enough to never trigger anything. */
    static byte[] noise(int count, long seed) {
        Random random = new Random(seed);
        ByteBuffer b = ByteBuffer.allocate(2 * count).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) b.putShort((short) (random.nextGaussian() * 300));
        return b.array();
    }

    /** A canonical 44-byte-header WAV with the given fmt fields around {@code data}. */
    static byte[] wav(int formatTag, int channels, int rate, int bits, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + data.length)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) formatTag).putShort((short) channels).putInt(rate)
                .putInt(rate * channels * bits / 8).putShort((short) (channels * bits / 8)).putShort((short) bits)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data.length);
        out.writeBytes(h.array());
        out.writeBytes(data);
        return out.toByteArray();
    }
}
