package wakeword.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wakeword.testing.NativeNotices;
import wakeword.testing.SharedData;
import wakeword.testing.ShippedModel;

/**
 * The command line as a user meets it, through the real CLI in a child JVM: every command answers --version,
 * every bad option value and every output path that cannot be written gives exactly one error line and a
 * non-zero status, and a run off a Raspberry Pi prints no alarms from libraries.
 */
class CommandLineTest {

    private static final List<String> COMMANDS = List.of("run", "replay", "tune", "devices", "bench");

    @TempDir
    Path dir;

    private Path config;
    private Path wav;

    @BeforeEach
    void files() throws Exception {
        config = Files.writeString(dir.resolve("wakeword.conf"), "model = " + ShippedModel.tflite() + "\ngpio.enabled = auto\n");
        wav = dir.resolve("quiet.wav");
        SharedData.writeWav(wav, new short[16000 * 2]);
    }

    @Test
    void everyCommandPrintsTheVersion() throws Exception {
        for (String command : COMMANDS) {
            CliProcess.Result r = CliProcess.run(dir, null, command, "--version");
            assertEquals(0, r.status(), r.describe());
            assertEquals(1, r.out().size(), r.describe());
            assertTrue(r.out().get(0).startsWith("wakeword "), r.describe());
        }
    }

    @Test
    void everyBadOptionValueIsOneLine() throws Exception {
        List<List<String>> bad = List.of(
                List.of("replay"),
                List.of("replay", wav.toString(), "--bogus"),
                List.of("replay", wav.toString(), "--config", config.toString(), "--threshold", "x"),
                List.of("replay", wav.toString(), "--config", config.toString(), "--features", "double"),
                List.of("replay", wav.toString(), "--config", config.toString(), "--model", "model.onnx"),
                List.of("replay", dir.toString(), "--config", config.toString()),
                List.of("run", "--config", config.toString(), "--input", "mic"),
                List.of("run", "--config", config.toString(), "--threshold", "-1"),
                List.of("run", "--config", dir.resolve("none.conf").toString()),
                List.of("bench", "--audio", wav.toString(), "--hops", "many"),
                List.of("bench", "--audio", wav.toString(), "--hops", "5"),
                List.of("bench", "--audio", wav.toString(), "--only", "nothing", "--model", ShippedModel.tflite().toString()),
                List.of("bench", "--audio", dir.resolve("none.wav").toString(), "--model", ShippedModel.tflite().toString()),
                List.of("tune", "--config", config.toString(), "--keyword", dir.resolve("none.wav").toString(),
                        "--background", wav.toString()),
                List.of("tune", "--config", config.toString(), "--background", wav.toString()),
                List.of("tune", "--config", config.toString(), "--keyword", wav.toString(), "--minutes", "0"),
                List.of("devices", "extra"),
                List.of("fly"));
        for (List<String> args : bad) {
            CliProcess.Result r = CliProcess.run(dir, null, args.toArray(new String[0]));
            assertOneErrorLine(r, String.join(" ", args));
        }
    }

    @Test
    void scoresThatCannotBeWrittenAreOneLine() throws Exception {
        assertOneErrorLine(replayScores(dir.resolve("missing/scores.csv")), "a missing folder");
        CliProcess.Result folder = replayScores(dir);
        assertOneErrorLine(folder, "a folder");
        assertTrue(folder.errorLines().get(0).contains("is a folder"), folder.describe());
        Path readOnly = Files.writeString(dir.resolve("ro.csv"), "");
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r--r--r--"));
        assumeFalse(Files.isWritable(readOnly), "running as root: a read-only file is writable");
        assertOneErrorLine(replayScores(readOnly), "a read-only file");
    }

    @Test
    void offARaspberryPiThereAreNoAlarms() throws Exception {
        assumeFalse(Files.exists(Path.of("/proc/device-tree/model")), "a device-tree machine may have GPIO");
        CliProcess.Result r = CliProcess.run(dir, null, "run", "--config", config.toString(), "--input", wav.toString());
        assertEquals(0, r.status(), r.describe());
        assertTrue(r.out().contains("INFO: not a Raspberry Pi: GPIO 17 changes are only logged (gpio.enabled = auto)"),
                r.describe());
        assertTrue(r.out().contains("INFO: the input ended (end of " + wav + "); stopping"), r.describe());
        assertFalse(Stream.concat(r.out().stream(), r.err().stream())
                .anyMatch(l -> l.startsWith("ERROR") || l.startsWith("WARN")), r.describe());
        assertEquals(List.of(), NativeNotices.without(r.err()), r.describe());
    }

    private CliProcess.Result replayScores(Path csv) throws Exception {
        return CliProcess.run(dir, null, "replay", wav.toString(), "--config", config.toString(), "--scores", csv.toString());
    }

    private static void assertOneErrorLine(CliProcess.Result r, String what) {
        assertTrue(r.status() >= 2, what + ": " + r.describe());
        assertEquals(1, r.errorLines().size(), what + ": " + r.describe());
        List<String> rest = new ArrayList<>(NativeNotices.without(r.err()));
        rest.removeAll(r.errorLines());
        assertTrue(rest.stream().allMatch(l -> l.matches("^(INFO|DEBUG): .*")), what + ": stray stderr\n" + r.describe());
        assertFalse(Stream.concat(r.out().stream(), r.err().stream()).anyMatch(l -> l.matches("^\\s+at [\\w.$<>]+\\(.*\\)$")),
                what + ": stack trace\n" + r.describe());
    }
}
