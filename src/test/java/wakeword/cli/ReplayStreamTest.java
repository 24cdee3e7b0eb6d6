package wakeword.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wakeword.testing.SharedData;
import wakeword.testing.ShippedModel;

/**
 * {@code replay} over a stream of held-out speakers saying "stop" among other words and noise, with the
 * shipped model and the repository's default config: the keywords are found at their times, and the rest of
 * the stream (other words, silence, noise) fires rarely.
 */
class ReplayStreamTest {

    @TempDir
    Path dir;

    @Test
    void findsHeldOutKeywordsAtTheirTimesAndFiresRarelyElsewhere() throws Exception {
        SharedData.require();
        List<String> speakers = ShippedModel.testSpeakers();
        List<Path> stops = SharedData.clips("stop", speakers);
        List<Path> others = new ArrayList<>();
        for (String word : List.of("go", "no", "down", "left", "right", "on", "yes")) {
            others.addAll(SharedData.clips(word, speakers));
        }
        short[] noise = SharedData.read(SharedData.dir().resolve("speech_commands/_background_noise_/doing_the_dishes.flac"));
        SharedData.LabelledStream stream = SharedData.stream(stops, others, noise, 100, 7);
        Path wav = dir.resolve("stream.wav");
        SharedData.writeWav(wav, stream.samples());
        Path scores = dir.resolve("scores.csv");

        String repo = System.getProperty("wakeword.repo", ".");
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int status;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            status = Main.execute("replay", wav.toString(), "--config", repo + "/config/wakeword.conf",
                    "--scores", scores.toString());
        } finally {
            System.setOut(original);
        }
        assertEquals(ExitStatus.OK, status);

        List<Double> detections = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            // Logs share stdout when another test in this JVM set tinylog up first; detections are the JSON lines.
            if (!line.startsWith("{")) continue;
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            double score = o.get("score").getAsDouble();
            assertTrue(score >= 0 && score <= 1, line);
            detections.add(o.get("time").getAsDouble());
        }
        int found = 0;
        List<Double> unmatched = new ArrayList<>(detections);
        for (double[] k : stream.keywords()) {
            var hit = unmatched.stream().filter(t -> t >= k[0] && t <= k[1] + 1.0).findFirst();
            if (hit.isPresent()) {
                found++;
                unmatched.remove(hit.get());
            }
        }
        double recall = (double) found / stream.keywords().size();
        double falseAlarmsPerMinute = unmatched.size() / (stream.seconds() / 60);
        // Bounds well inside what the stream evaluation measures for this model at its default (models/REPORT.md:
        // 29 % of these test speakers' keywords missed, 16 % on clean audio), so the test catches a broken
        // pipeline or model, not the last percent of accuracy.
        assertTrue(recall >= 0.60, "found " + found + " of " + stream.keywords().size() + " keywords");
        assertTrue(falseAlarmsPerMinute <= 0.5, unmatched.size() + " false alarms in " + stream.seconds() + " s: " + unmatched);

        List<String> csv = Files.readAllLines(scores);
        assertEquals("time,score,smoothed", csv.get(0));
        var manifest = ShippedModel.manifest();
        int hop = manifest.features().hopLength(), frame = manifest.features().frameLength();
        int frames = manifest.input().frames();
        long expectedRows = 1 + (stream.samples().length - frame) / hop - (frames - 1);
        assertEquals(expectedRows, csv.size() - 1, "one score per hop once the window is full");
    }
}
