package wakeword.tools.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wakeword.model.ModelManifest;
import wakeword.trigger.TriggerSettings;

class TriggerSweepTest {

    @Test
    void sweepFiresThroughTheDaemonsPolicyWithSmoothingRefractoryAndWarmup(@TempDir Path dir) throws IOException {
        // 20 ms hops. A 3-score plateau of 0.9 at 0.10 s falls inside the 200 ms warm-up; a plateau at 1.00 s fires
        // once the 2-score average reaches the threshold; a second plateau 0.4 s later is inside the 1 s refractory
        // period; a third one 2 s later fires again.
        StringBuilder csv = new StringBuilder("time,score\n");
        for (int i = 0; i < 200; i++) {
            double t = 0.02 * (i + 1);
            boolean high = (i >= 4 && i < 7) || (i >= 50 && i < 53) || (i >= 70 && i < 73) || (i >= 150 && i < 153);
            csv.append(String.format(java.util.Locale.ROOT, "%.5f,%s%n", t, high ? "0.9" : "0.0"));
        }
        Path file = dir.resolve("scores.csv");
        Files.writeString(file, csv);
        ScoreTrace trace = ScoreTrace.read(file);
        assertEquals(200, trace.length());
        TriggerSweep sweep = new TriggerSweep(new TriggerSettings(0.5, 2, 1000, 200), 0.02);
        List<Double> fired = sweep.detections(trace, 0.8);
        assertEquals(2, fired.size(), fired.toString());
        assertEquals(0.02 * 52, fired.get(0), 1e-9, "the second 0.9 lifts the 2-score average to 0.9");
        assertEquals(0.02 * 152, fired.get(1), 1e-9);
        assertTrue(sweep.detections(trace, 0.95).isEmpty());
        assertEquals(List.of(0.02 * 51, 0.02 * 151), sweep.detections(trace, 0.44), "one 0.9 averaged with a 0 is 0.45");
    }

    @Test
    void aFileThatIsNotAScoreCsvIsOneClearError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("x.csv");
        Files.writeString(file, "t;s\n1;2\n");
        IOException e = assertThrows(IOException.class, () -> ScoreTrace.read(file));
        assertTrue(e.getMessage().contains("time,score"), e.getMessage());
        Files.writeString(file, "time,score\n0.02,abc\n");
        assertThrows(IOException.class, () -> ScoreTrace.read(file));
    }

    @Test
    void thresholdsCoverTheRangeAndSplitTheReachableValuesAtTheTop() {
        // LOGISTIC output (scale 1/256, zero point -128): at most 255/256; averages of 3 step by 1/768. Levels from
        // 231/256 (the first whose lower neighbour reaches 0.9) to 255/256: 24 gaps, 3 thresholds each.
        List<Double> t = TriggerSweep.thresholds(new ModelManifest.Output(1f / 256, -128, false), 3);
        assertEquals(0.01, t.get(0), 1e-12);
        assertTrue(t.contains(0.5) && t.contains(0.999));
        assertTrue(t.stream().anyMatch(v -> Math.abs(v - (765 - 0.5) / 768) < 1e-9), "just below the highest reachable average");
        assertTrue(t.stream().anyMatch(v -> Math.abs(v - (764 - 0.5) / 768) < 1e-9));
        assertEquals(108 + 24 * 3, t.size());
    }

    @Test
    void aLogitOutputGetsAThresholdBetweenEveryTwoLevelsAboveNineTenths() {
        ModelManifest.Output logit = new ModelManifest.Output(1f / 16, 0, true);
        List<Double> t = TriggerSweep.thresholds(logit, 1);
        List<Double> top = t.subList(108, t.size());
        // sigmoid(q / 16) >= 0.9 from q = 36: 127 - 36 = 91 gaps.
        assertEquals(91, top.size());
        for (int q = 127; q > 36; q--) {
            double lo = logit.score(q - 1);
            double hi = logit.score(q);
            assertTrue(top.stream().anyMatch(v -> v > lo && v < hi), "a threshold between levels " + (q - 1) + " and " + q);
        }
        assertTrue(top.get(0) > 0.9996, "the quietest threshold is above what the old LOGISTIC output could reach");
    }

    @Test
    void replayDetectionsAreParsedAndComparedToTheMillisecond() throws IOException {
        assertEquals(List.of(1.234, 5.0), Replay.parseDetections("{\"time\": 1.234, \"score\": 0.9100}\n{\"time\": 5.000, \"score\": 0.8}\n"));
        assertTrue(Replay.parseDetections("\n").isEmpty());
        assertThrows(IOException.class, () -> Replay.parseDetections("INFO: replayed 3 s\n"));
        assertTrue(ModelSweeper.sameTimes(List.of(1.23456, 5.0), List.of(1.235, 5.0)));
        assertFalse(ModelSweeper.sameTimes(List.of(1.23456), List.of(1.239)));
        assertFalse(ModelSweeper.sameTimes(List.of(1.0, 2.0), List.of(1.0)));
    }
}
