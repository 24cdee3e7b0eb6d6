package wakeword.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
