package wakeword.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wakeword.config.Config;
import wakeword.config.ConfigParser;
import wakeword.testing.SharedData;
import wakeword.testing.ShippedModel;

/**
 * {@code tune} end to end from recordings through the real CLI: takes of held-out speakers saying "stop" and a
 * room of other words over kitchen noise. What it proposes must hold when the daemon's own replay checks it,
 * and --write must change exactly the config's threshold and smoothing, keeping the old file.
 */
class TuneTest {

    private static final Pattern PROPOSED = Pattern.compile("Proposed: threshold = ([0-9.]+), smoothing = (\\d+)");
    private static final Pattern DETECTS = Pattern.compile("  detects (\\d+) of (\\d+) takes .*, (\\d+) false alarm\\(s\\) in .*");

    @TempDir
    Path dir;

    @Test
    void tuneFromRecordingsProposesWhatReplayConfirmsAndWritesItOnlyWhenAsked() throws Exception {
        SharedData.require();
        List<String> speakers = ShippedModel.testSpeakers();
        List<String> args = new ArrayList<>(List.of("tune", "--config", "wakeword.conf"));
        List<Path> stops = SharedData.clips("stop", speakers).subList(0, 6);
        for (int i = 0; i < stops.size(); i++) {
            Path take = dir.resolve("take" + i + ".wav");
            SharedData.writeWav(take, SharedData.read(stops.get(i)));
            args.addAll(List.of("--keyword", take.getFileName().toString()));
        }
        List<Path> others = new ArrayList<>();
        for (String word : List.of("go", "no", "down", "on", "two", "up")) {
            if (Files.isDirectory(SharedData.dir().resolve("speech_commands").resolve(word))) {
                List<Path> clips = SharedData.clips(word, speakers);
                others.addAll(clips.subList(0, Math.min(6, clips.size())));
            }
        }
        short[] noise = SharedData.read(SharedData.dir().resolve("speech_commands/_background_noise_/doing_the_dishes.flac"));
        Path room = dir.resolve("room.wav");
        SharedData.writeWav(room, SharedData.stream(others, List.of(), noise, 300, 9).samples());
        args.addAll(List.of("--background", "room.wav"));
        String original = "model = " + ShippedModel.tflite() + "\ngpio.enabled = false\n# threshold = 0.5\n";
        Path conf = Files.writeString(dir.resolve("wakeword.conf"), original);

        CliProcess.Result r = CliProcess.run(dir, null, args.toArray(new String[0]));
        assertEquals(0, r.status(), r.describe());
        String out = String.join("\n", r.out());
        System.out.println(out);
        for (int i = 0; i < stops.size(); i++) {
            assertTrue(out.contains("take" + i + ".wav"), "take " + i + " not reported\n" + out);
        }
        Matcher proposed = PROPOSED.matcher(out);
        assertTrue(proposed.find(), out);
        String threshold = proposed.group(1);
        int smoothing = Integer.parseInt(proposed.group(2));
        Matcher detects = DETECTS.matcher(out);
        assertTrue(detects.find(), out);
        int caught = Integer.parseInt(detects.group(1));
        int falseAlarms = Integer.parseInt(detects.group(3));
        assertEquals(stops.size(), Integer.parseInt(detects.group(2)));
        assertTrue(caught >= stops.size() / 2, "the held-out takes are mostly detectable\n" + out);
        assertEquals(original, Files.readString(conf), "no --write, no change");
        assertFalse(Files.exists(dir.resolve("wakeword.conf.bak")));

        // The daemon's replay with the proposed settings: the room as quiet as promised, and the takes detected as
        // promised, each after 3 s of silence (past the warm-up, the refractory period and any model window
        // reaching back to the take before).
        Path checked = Files.writeString(dir.resolve("checked.conf"), original + "smoothing = " + smoothing + "\n");
        CliProcess.Result roomReplay = CliProcess.run(dir, null, "replay", "room.wav", "--config", checked.toString(),
                "--threshold", threshold);
        assertEquals(0, roomReplay.status(), roomReplay.describe());
        assertEquals(falseAlarms, roomReplay.out().size(), roomReplay.describe());
        Path takes = dir.resolve("takes.wav");
        short[] spaced = new short[0];
        for (Path stop : stops) {
            short[] clip = SharedData.read(stop);
            int at = spaced.length + 3 * SharedData.RATE;
            spaced = java.util.Arrays.copyOf(spaced, at + clip.length + SharedData.RATE);
            System.arraycopy(clip, 0, spaced, at, clip.length);
        }
        SharedData.writeWav(takes, spaced);
        CliProcess.Result takeReplay = CliProcess.run(dir, null, "replay", "takes.wav", "--config", checked.toString(),
                "--threshold", threshold);
        assertEquals(caught, takeReplay.out().size(), takeReplay.describe() + "\n" + out);

        args.add("--write");
        CliProcess.Result written = CliProcess.run(dir, null, args.toArray(new String[0]));
        assertEquals(0, written.status(), written.describe());
        assertEquals(original, Files.readString(dir.resolve("wakeword.conf.bak")));
        Config after = ConfigParser.parse(conf);
        assertEquals(Double.parseDouble(threshold), after.trigger().threshold().orElseThrow());
        assertEquals(smoothing, after.trigger().smoothing().orElseThrow());
        assertTrue(Files.readString(conf).startsWith(original.replace("# threshold = 0.5\n",
                "# threshold = 0.5\nthreshold = " + threshold + "\n")), Files.readString(conf));
        assertTrue(String.join("\n", written.out()).contains("sudo systemctl reload wakeword"), written.describe());
    }

    /**
     * The microphone path on real ALSA: the test PCM of src/test/resources/audio/alsa-test.conf records a file as
     * fast as it is read and then repeats its last buffer, so after the first moments the "microphone" is silent.
     * That is the case of a muted or wrong microphone: tune shows the takes' levels, listens to the room, and
     * then proposes nothing but says what to check, with the audio status.
     */
    @Test
    void tuneFromASilentMicrophoneSaysSoInsteadOfProposing() throws Exception {
        SharedData.require();
        assumeTrue(System.getenv("ALSA_CONFIG_PATH") != null, "run through Maven: surefire sets up the ALSA test PCM");
        Path mic = Files.write(dir.resolve("mic.raw"), new byte[3200]);
        Path conf = Files.writeString(dir.resolve("mic.conf"), "model = " + ShippedModel.tflite() + "\ndevice = default\n");
        try (CliProcess tune = CliProcess.startWith(java.util.Map.of("WAKE_TEST_AUDIO", mic.toString()), dir, List.of(),
                "tune", "--config", conf.toString(), "--takes", "2", "--minutes", "0.1", "--write")) {
            tune.stdin().close();
            int status = tune.awaitExit(java.time.Duration.ofSeconds(120));
            String out = String.join("\n", tune.stdout());
            String err = String.join("\n", tune.stderr());
            assertEquals(ExitStatus.AUDIO, status, out + "\n" + err);
            assertTrue(out.contains("Take 1 of 2: say \"stop\" now... level -inf dBFS, score ")
                    && out.contains("(silence: is the microphone muted or the wrong one?)"), out);
            assertTrue(out.contains("Take 2 of 2") && out.contains("Now the room") && out.contains("highest"), out);
            assertFalse(PROPOSED.matcher(out).find(), out);
            assertEquals(1, tune.stderr().stream().filter(l -> l.startsWith("wakeword: error: no take of \"stop\""
                    + " scores above the room")).count(), err);
            assertEquals("model = " + ShippedModel.tflite() + "\ndevice = default\n", Files.readString(conf));
        }
    }

    @Test
    void tuneHasHelp() throws Exception {
        CliProcess.Result r = CliProcess.run(dir, null, "tune", "--help");
        assertEquals(0, r.status(), r.describe());
        String help = String.join("\n", r.out());
        for (String option : List.of("--keyword", "--background", "--write", "--takes", "--minutes", "systemctl stop")) {
            assertTrue(help.contains(option), option + " missing from\n" + help);
        }
    }
}
