package wakeword.config;

import wakeword.model.ModelManifest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigParserTest {

    static Path repo() {
        return Path.of(System.getProperty("wakeword.repo", "."));
    }

    private static String error(String text) {
        return assertThrows(ConfigException.class, () -> ConfigParser.parse(text, "wakeword.conf")).getMessage();
    }

    @Test
    void shippedConfigEqualsTheDefaultsExceptTheRepositoryModelPath() throws IOException {
        Path file = repo().resolve("config/wakeword.conf");
        Config parsed = ConfigParser.parse(Files.readString(file), "wakeword.conf");

        assertEquals(Path.of("../models/stop.tflite"), parsed.model());
        Config defaults = Config.defaults();
        Config sameModel = new Config(defaults.model(), parsed.audio(), parsed.features(), parsed.trigger(),
                parsed.gpio(), parsed.logLevel(), parsed.tflite(), parsed.onDetect());
        assertEquals(defaults, sameModel);
    }

    @Test
    void shippedConfigDocumentsEveryKeyWithDefaultAndAllowedValues() throws IOException {
        String text = Files.readString(repo().resolve("config/wakeword.conf"));
        for (String key : ConfigParser.keys()) {
            int at = text.indexOf("# " + key + ":");
            assertTrue(at >= 0, "no documentation paragraph for " + key);
            int end = text.indexOf("\n\n", at);
            String paragraph = text.substring(at, end < 0 ? text.length() : end);
            assertTrue(paragraph.contains("Allowed:"), key + " lacks Allowed:");
            assertTrue(paragraph.contains("Default:"), key + " lacks Default:");
        }
    }

    @Test
    void onDetectIsSplitWithoutAShellAndARelativeProgramIsTakenFromTheConfigFolder() {
        Config c = ConfigParser.parse("on_detect = ./beep.sh  a\"b c\"d '$HOME' * |\n", "x.conf").resolvedAgainst(Path.of("/etc/wakeword"));
        assertEquals(List.of("/etc/wakeword/beep.sh", "ab cd", "$HOME", "*", "|"), c.onDetect().command());
        Config onPath = ConfigParser.parse("on_detect = aplay -q /usr/share/sounds/beep.wav\n", "x.conf")
                .resolvedAgainst(Path.of("/etc/wakeword"));
        assertEquals("aplay", onPath.onDetect().command().get(0));
        assertEquals(List.of(), ConfigParser.parse("on_detect =\n", "x.conf").onDetect().command());
    }

    @Test
    void parsingTheFileResolvesTheModelAgainstTheConfigDirectory() {
        Path file = repo().resolve("config/wakeword.conf");
        Config parsed = ConfigParser.parse(file);
        Path expected = repo().toAbsolutePath().resolve("models/stop.tflite").normalize();
        assertEquals(expected, parsed.model());
        assertEquals(expected.resolveSibling("stop.json"), ModelManifest.pathFor(parsed.model()));
    }

    @Test
    void emptyTextGivesTheDefaults() {
        assertEquals(Config.defaults(), ConfigParser.parse("", "x.conf"));
        assertEquals(Config.defaults(), ConfigParser.parse("# only a comment\n\n   \n", "x.conf"));
    }

    @Test
    void everyKeyIsRead() {
        Config c = ConfigParser.parse(String.join("\n",
                "model = /opt/m/go.tflite",
                "input = clips/a.WAV",
                "device = USB Audio",
                "capture_buffer_ms = 250",
                "features = fixed",
                "threshold = .75",
                "smoothing = 5",
                "refractory_ms = 1500",
                "warmup_ms = 0",
                "gpio.enabled = false",
                "gpio.pin = 27",
                "gpio.mode = pulse",
                "gpio.pulse_ms = 200",
                "gpio.active_low = true",
                "log.level = debug",
                "tflite.threads = 2",
                "tflite.xnnpack = true",
                "on_detect = /usr/bin/mosquitto_pub -t 'home/stop word' -m \"$WAKEWORD_SCORE\" ''",
                "on_detect.timeout_ms = 2000"), "x.conf");
        assertEquals(new Config(Path.of("/opt/m/go.tflite"),
                new Config.Audio(Config.Input.wav(Path.of("clips/a.WAV")), "USB Audio", 250),
                Config.Features.FIXED,
                new Config.Trigger(OptionalDouble.of(0.75), OptionalInt.of(5), OptionalInt.of(1500), OptionalInt.of(0)),
                new Config.Gpio(Config.GpioEnabled.FALSE, 27, Config.GpioMode.PULSE, 200, true),
                Config.LogLevel.DEBUG,
                new Config.Tflite(2, Config.Xnnpack.TRUE),
                new Config.OnDetect(List.of("/usr/bin/mosquitto_pub", "-t", "home/stop word", "-m", "$WAKEWORD_SCORE", ""),
                        2000)), c);
        assertEquals(Path.of("/opt/m/go.json"), ModelManifest.pathFor(c.model()));
    }

    @Test
    void xnnpackIsAutoTrueOrFalse() {
        assertEquals(Config.Xnnpack.AUTO, ConfigParser.parse("tflite.xnnpack = auto", "x.conf").tflite().xnnpack());
        assertEquals(Config.Xnnpack.FALSE, ConfigParser.parse("tflite.xnnpack = false", "x.conf").tflite().xnnpack());
        assertEquals("wakeword.conf:1: tflite.xnnpack = yes: must be auto, true or false", error("tflite.xnnpack = yes"));
    }

    @Test
    void stdinInputAndWindowsLineEndingsAndAByteOrderMark() {
        Config c = ConfigParser.parse("\uFEFFinput = -\r\n  gpio.pin=4  \r\n", "x.conf");
        assertEquals(Config.Input.stdin(), c.audio().input());
        assertEquals(4, c.gpio().pin());
    }

    @Test
    void outOfRangeNamesFileLineKeyAndWhatIsAllowed() {
        assertEquals("wakeword.conf:3: threshold = 1.7: must be a number from 0 to 1",
                error("# comment\n\nthreshold = 1.7\n"));
        assertEquals("wakeword.conf:1: gpio.pin = 28: must be a BCM GPIO number from 0 to 27",
                error("gpio.pin = 28"));
        assertEquals("wakeword.conf:1: tflite.threads = 0: must be a whole number from 1 to 4",
                error("tflite.threads = 0"));
    }

    @Test
    void wrongTypeIsRejected() {
        assertEquals("wakeword.conf:1: smoothing = 2.5: must be a whole number of scores from 1 to 50",
                error("smoothing = 2.5"));
        assertEquals("wakeword.conf:1: gpio.active_low = yes: must be true or false", error("gpio.active_low = yes"));
        assertTrue(error("on_detect = /bin/echo \"open").startsWith("wakeword.conf:1: on_detect = /bin/echo \"open: must be"
                + " a program and its arguments"));
        assertEquals("wakeword.conf:1: gpio.mode = Toggle: must be toggle, pulse or latch", error("gpio.mode = Toggle"));
        assertEquals("wakeword.conf:1: gpio.enabled = yes: must be auto, true or false", error("gpio.enabled = yes"));
        assertEquals("wakeword.conf:1: threshold = NaN: must be a number from 0 to 1", error("threshold = NaN"));
        assertEquals("wakeword.conf:1: threshold = 0x1p-1: must be a number from 0 to 1", error("threshold = 0x1p-1"));
        assertEquals("wakeword.conf:1: threshold = : must be a number from 0 to 1", error("threshold ="));
        assertEquals("wakeword.conf:1: model = stop.onnx: must be a path to a .tflite file", error("model = stop.onnx"));
        assertEquals("wakeword.conf:1: input = mic: must be alsa, - (raw 16 kHz mono 16-bit PCM on stdin) or a path to a .wav file",
                error("input = mic"));
        assertEquals("wakeword.conf:2: gpio.pulse_ms = 99999999999: must be a whole number from 10 to 60000",
                error("\ngpio.pulse_ms = 99999999999"));
    }

    @Test
    void unknownKeySuggestsTheNearestKnownKey() {
        assertEquals("wakeword.conf:1: treshold: unknown key; did you mean threshold?", error("treshold = 0.5"));
        assertEquals("wakeword.conf:1: pin: unknown key; did you mean gpio.pin?", error("pin = 4"));
        assertEquals("wakeword.conf:1: gpio.activelow: unknown key; did you mean gpio.active_low?", error("gpio.activelow = true"));
        String far = error("colour = blue");
        assertTrue(far.startsWith("wakeword.conf:1: colour: unknown key; known keys: model, input, "), far);
    }

    @Test
    void duplicateKeyNamesBothLines() {
        assertEquals("wakeword.conf:4: threshold is set twice (first on line 2); keep one of them",
                error("\nthreshold = 0.5\ngpio.pin = 4\nthreshold = 0.6\n"));
    }

    @Test
    void malformedLinesAreRejected() {
        assertEquals("wakeword.conf:2: \"threshold 0.5\" is not a \"key = value\" line; "
                + "write e.g. \"threshold = 0.5\", or start a comment with #", error("\nthreshold 0.5"));
        assertEquals("wakeword.conf:1: \"= 0.5\" has no key before '='; write e.g. \"threshold = 0.5\"", error("= 0.5"));
    }

    @Test
    void controlCharactersAndLongLinesStayOnOneShortLine() {
        String message = error("x\u0007y = 1\n");
        assertTrue(message.startsWith("wakeword.conf:1: x?y: unknown key; "), message);
        assertTrue(!message.contains("\u0007"), message);
        String longValue = "a".repeat(500);
        String longMessage = error("device = x\nthreshold = " + longValue);
        assertTrue(longMessage.length() < 160, longMessage);
        assertTrue(!longMessage.contains("\n"));
    }

    @Test
    void missingUnreadableAndNonUtf8FilesGetClearMessages(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nope.conf");
        assertEquals("config file " + missing + " does not exist; pass --config with the path of wakeword.conf",
                assertThrows(ConfigException.class, () -> ConfigParser.parse(missing)).getMessage());

        assertTrue(assertThrows(ConfigException.class, () -> ConfigParser.parse(dir)).getMessage()
                .contains("it is a directory"));

        Path latin1 = dir.resolve("latin1.conf");
        Files.write(latin1, "device = caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("config file " + latin1 + " is not UTF-8 text; save it as UTF-8",
                assertThrows(ConfigException.class, () -> ConfigParser.parse(latin1)).getMessage());

        Path secret = dir.resolve("secret.conf");
        Files.writeString(secret, "gpio.pin = 4\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        boolean root = Files.isReadable(secret); // root reads anything: then only check that it parses
        if (root) {
            assertEquals(4, ConfigParser.parse(secret).gpio().pin());
        } else {
            assertEquals("config file " + secret + " is not readable (permission denied); make it readable for this user",
                    assertThrows(ConfigException.class, () -> ConfigParser.parse(secret)).getMessage());
        }
    }

    @Test
    void relativeWavInputIsResolvedAgainstTheConfigDirectory(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("etc/w.conf");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "model = m/x.tflite\ninput = ../clips/a.wav\n");
        Config c = ConfigParser.parse(file);
        assertEquals(dir.resolve("etc/m/x.tflite"), c.model());
        assertEquals(Config.Input.wav(dir.resolve("clips/a.wav")), c.audio().input());
    }

    @Test
    void overridesAreValidatedLikeTheFile() {
        Config base = ConfigParser.parse("threshold = 0.4\ngpio.pin = 5", "x.conf");
        Config c = base.withOverrides(Map.of("threshold", "0.8"), "--threshold");
        assertEquals(OptionalDouble.of(0.8), c.trigger().threshold());
        assertEquals(5, c.gpio().pin());

        assertEquals("--threshold: threshold = 2: must be a number from 0 to 1",
                assertThrows(ConfigException.class,
                        () -> base.withOverrides(Map.of("threshold", "2"), "--threshold")).getMessage());
        assertEquals("command line: thresold: unknown key; did you mean threshold?",
                assertThrows(ConfigException.class,
                        () -> base.withOverrides(Map.of("thresold", "0.5"), "command line")).getMessage());
    }
}
