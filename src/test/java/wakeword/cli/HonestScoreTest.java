package wakeword.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wakeword.model.ModelManifest;
import wakeword.testing.SharedData;
import wakeword.testing.ShippedModel;

/**
 * The score a detection reports is the one to tune against: through the real CLI, a threshold just above a
 * detection's printed score removes that detection (and fires nothing else within its refractory period), the
 * CSV has the smoothed score the threshold is compared with, and a threshold the model can never reach is
 * refused. Scores and limits are derived from the shipped model, never written in.
 */
class HonestScoreTest {

    @TempDir
    Path dir;

    private record Hit(double time, double score) {
    }

    private record Row(double time, double raw, double smoothed) {
    }

    @Test
    void aThresholdAboveAPrintedScoreRemovesThatDetection() throws Exception {
        SharedData.require();
        List<String> speakers = ShippedModel.testSpeakers();
        List<Path> stops = SharedData.clips("stop", speakers).subList(0, 10);
        List<Path> others = new ArrayList<>();
        for (String word : List.of("go", "top", "no", "off")) {
            if (Files.isDirectory(SharedData.dir().resolve("speech_commands").resolve(word))) {
                others.addAll(SharedData.clips(word, speakers));
            }
        }
        short[] noise = SharedData.read(SharedData.dir().resolve("speech_commands/_background_noise_/doing_the_dishes.flac"));
        Path wav = dir.resolve("stream.wav");
        SharedData.writeWav(wav, SharedData.stream(stops, others, noise, 150, 3).samples());
        Path csv = dir.resolve("scores.csv");

        CliProcess.Result base = replay(wav, "--scores", csv.toString());
        assertEquals(ExitStatus.OK, base.status(), base.describe());
        List<Hit> hits = hits(base);
        assertTrue(hits.size() >= 5, "too few detections to test with\n" + base.describe());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("time,score,smoothed", lines.get(0));
        List<Row> rows = lines.subList(1, lines.size()).stream().map(l -> l.split(","))
                .map(f -> new Row(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]))).toList();

        ModelManifest manifest = ShippedModel.manifest();
        double refractory = manifest.trigger().refractoryMs() / 1000.0;
        double threshold = manifest.trigger().threshold();
        for (Hit h : hits) {
            Row at = rows.stream().filter(r -> Math.abs(r.time() - h.time()) < 5e-4).findFirst().orElseThrow();
            assertTrue(at.smoothed() >= threshold, "fired below the threshold: " + at);
            double peakInRefractory = rows.stream().filter(r -> r.time() >= h.time() - 5e-4 && r.time() < h.time() + refractory)
                    .mapToDouble(Row::smoothed).max().orElseThrow();
            assertTrue(h.score() >= peakInRefractory, h + " is below its event's peak " + peakInRefractory);
        }

        // The detection whose peak rose most above its crossing (the case a crossing score gets wrong), and the
        // one with the lowest score; a detection at the model's highest score has no threshold above it.
        double highest = manifest.output().highestScore(4);
        List<Hit> removable = hits.stream().filter(h -> h.score() + 0.0001 <= highest).toList();
        assertFalse(removable.isEmpty(), "every detection is at the model's highest score\n" + base.describe());
        List<Hit> chosen = new ArrayList<>();
        chosen.add(removable.stream().max(Comparator.comparingDouble(h -> h.score() - smoothedAt(rows, h.time()))).orElseThrow());
        Hit lowest = removable.stream().min(Comparator.comparingDouble(Hit::score)).orElseThrow();
        if (!chosen.contains(lowest)) chosen.add(lowest);
        for (Hit h : chosen) {
            String above = String.format(Locale.ROOT, "%.4f", h.score() + 0.0001);
            CliProcess.Result raised = replay(wav, "--threshold", above);
            assertEquals(ExitStatus.OK, raised.status(), raised.describe());
            List<Hit> after = hits(raised);
            assertFalse(after.stream().anyMatch(a -> a.time() >= h.time() - 5e-4 && a.time() < h.time() + refractory),
                    "threshold " + above + " above the printed score of " + h + " still fires there: " + after);
            assertTrue(after.size() < hits.size(), "raising the threshold removed nothing");
        }
    }

    @Test
    void aThresholdTheModelCannotReachIsRefusedNamingTheHighestScore() throws Exception {
        ModelManifest.Output output = ShippedModel.manifest().output();
        String named = String.format(Locale.ROOT, "%.4f", output.highestScore(4));
        Path wav = dir.resolve("quiet.wav");
        SharedData.writeWav(wav, new short[16000 * 2]);

        CliProcess.Result cli = replay(wav, "--threshold", String.format(Locale.ROOT, "%.5f", output.score(127) + 0.00005));
        assertEquals(ExitStatus.CONFIG, cli.status(), cli.describe());
        assertEquals(1, cli.errorLines().size(), cli.describe());
        assertTrue(cli.errorLines().get(0).contains("highest score") && cli.errorLines().get(0).contains(named),
                cli.describe());

        Path conf = dir.resolve("one.conf");
        Files.writeString(conf, "model = " + ShippedModel.tflite() + "\ngpio.enabled = false\nthreshold = 1\n");
        CliProcess.Result file = CliProcess.run(dir, null, "run", "--config", conf.toString(), "--input", wav.toString());
        assertEquals(ExitStatus.CONFIG, file.status(), file.describe());
        assertEquals(1, file.errorLines().size(), file.describe());
        assertTrue(file.errorLines().get(0).contains("threshold = 1") && file.errorLines().get(0).contains(named),
                file.describe());

        CliProcess.Result reachable = replay(wav, "--threshold", named);
        assertEquals(ExitStatus.OK, reachable.status(), reachable.describe());
    }

    private static double smoothedAt(List<Row> rows, double time) {
        return rows.stream().filter(r -> Math.abs(r.time() - time) < 5e-4).findFirst().orElseThrow().smoothed();
    }

    private CliProcess.Result replay(Path wav, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("replay", wav.toString(), "--config",
                Path.of(System.getProperty("wakeword.repo", ".")).resolve("config/wakeword.conf").toString()));
        args.addAll(List.of(more));
        return CliProcess.run(dir, null, args.toArray(new String[0]));
    }

    private static List<Hit> hits(CliProcess.Result r) {
        List<Hit> hits = new ArrayList<>();
        for (String line : r.out()) {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            hits.add(new Hit(o.get("time").getAsDouble(), o.get("score").getAsDouble()));
        }
        return hits;
    }
}
