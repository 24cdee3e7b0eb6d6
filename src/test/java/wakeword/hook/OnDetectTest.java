package wakeword.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wakeword.cli.CliProcess;
import wakeword.testing.SharedData;
import wakeword.testing.ShippedModel;

/**
 * {@code on_detect} through the real daemon ({@code run} over a recording of held-out speakers, as fast as the
 * CPU allows): one run per detection with the logged values in its environment, none of them holding up the
 * audio, each killed at its time limit, a failure logged once per kind, and every run finished before the
 * daemon exits at the end of its input.
 */
class OnDetectTest {

    private static final Pattern DETECTED = Pattern.compile("INFO: detected \"(\\w+)\" at ([0-9.]+) s, score ([0-9.]+); pin 17 is now (on|off)");

    @TempDir
    Path dir;

    private Path wav;

    @BeforeEach
    void stream() throws Exception {
        SharedData.require();
        List<Path> stops = SharedData.clips("stop", ShippedModel.testSpeakers()).subList(0, 5);
        short[] noise = SharedData.read(SharedData.dir().resolve("speech_commands/_background_noise_/pink_noise.flac"));
        wav = dir.resolve("five.wav");
        SharedData.writeWav(wav, SharedData.stream(stops, List.of(), noise, 30, 5).samples());
    }

    @Test
    void eachDetectionRunsTheCommandWithItsValuesAndAllFinishBeforeExit() throws Exception {
        Path script = script("hook.sh", "sleep 0.3",
                "echo \"hook: $WAKEWORD_KEYWORD $WAKEWORD_AUDIO_TIME $WAKEWORD_SCORE $WAKEWORD_PIN $WAKEWORD_GPIO $WAKEWORD_TIME $1\"");
        // A low threshold: this tests the hook's plumbing, so it wants detections, not the default's quiet.
        CliProcess.Result r = run("on_detect = ./hook.sh 'one arg'", "threshold = 0.5", "smoothing = 1");
        assertEquals(0, r.status(), r.describe());
        List<String> expected = new ArrayList<>();
        for (String line : r.out()) {
            Matcher m = DETECTED.matcher(line);
            if (m.matches()) expected.add("hook: " + m.group(1) + " " + m.group(2) + " " + m.group(3) + " " + m.group(4) + " 17");
        }
        assertTrue(expected.size() >= 3, "too few detections to test with\n" + r.describe());
        List<String> hooks = r.out().stream().filter(l -> l.startsWith("hook: ")).toList();
        assertEquals(expected.size(), hooks.size(), r.describe());
        for (int i = 0; i < hooks.size(); i++) {
            assertTrue(hooks.get(i).startsWith(expected.get(i) + " "), hooks.get(i) + " vs " + expected.get(i));
            assertTrue(hooks.get(i).matches(".* \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z one arg"), hooks.get(i));
        }
        // The audio ran ahead of the commands (0.3 s each), and the daemon waited for all of them.
        int inputEnded = r.out().indexOf("INFO: the input ended (end of " + wav + "); stopping");
        int lastHook = r.out().lastIndexOf(hooks.get(hooks.size() - 1));
        int stopped = indexOfPrefix(r.out(), "INFO: stopped after ");
        assertTrue(inputEnded >= 0 && inputEnded < lastHook && lastHook < stopped, r.describe());
        assertTrue(Files.exists(script));
    }

    @Test
    void aHangingCommandIsKilledAtItsLimitAndReportedOnce() throws Exception {
        long started = System.nanoTime();
        CliProcess.Result r = run("on_detect = sleep 60", "on_detect.timeout_ms = 200");
        double seconds = (System.nanoTime() - started) / 1e9;
        assertEquals(0, r.status(), r.describe());
        assertTrue(seconds < 30, "took " + seconds + " s");
        long detections = r.out().stream().filter(l -> DETECTED.matcher(l).matches()).count();
        assertTrue(detections >= 2, r.describe());
        assertEquals(1, r.out().stream().filter(l -> l.startsWith("WARN: on_detect [sleep, 60] ran past"
                + " on_detect.timeout_ms and was killed (after 200 ms)")).count(), r.describe());
    }

    @Test
    void aFailingCommandIsReportedOncePerKind() throws Exception {
        script("fail.sh", "exit 3");
        CliProcess.Result r = run("on_detect = ./fail.sh");
        assertEquals(0, r.status(), r.describe());
        assertTrue(r.out().stream().filter(l -> DETECTED.matcher(l).matches()).count() >= 2, r.describe());
        assertEquals(1, r.out().stream().filter(l -> l.startsWith("WARN: on_detect")).count(), r.describe());
        assertTrue(r.out().stream().anyMatch(l -> l.startsWith("WARN: on_detect [" + dir.resolve("fail.sh")
                + "] exited with an error (status 3)")), r.describe());
    }

    @Test
    void aMissingProgramIsOneLineAtStart() throws Exception {
        CliProcess.Result r = run("on_detect = no-such-program-here --flag");
        assertEquals(2, r.status(), r.describe());
        assertEquals(1, r.errorLines().size(), r.describe());
        assertTrue(r.errorLines().get(0).contains("no program 'no-such-program-here' in PATH"), r.describe());
    }

    private CliProcess.Result run(String... lines) throws Exception {
        Path conf = dir.resolve("wakeword.conf");
        Files.writeString(conf, "model = " + ShippedModel.tflite() + "\ngpio.enabled = false\n" + String.join("\n", lines) + "\n");
        return CliProcess.run(dir, null, "run", "--config", conf.toString(), "--input", wav.toString());
    }

    private Path script(String name, String... body) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + String.join("\n", body) + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private static int indexOfPrefix(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith(prefix)) return i;
        return -1;
    }
}
