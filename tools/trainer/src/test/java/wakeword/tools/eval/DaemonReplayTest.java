package wakeword.tools.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wakeword.model.ModelManifest;
import wakeword.tools.data.SpeakerSplit;

/**
 * The sweep against the daemon itself: on real test streams, the daemon's own detections at a threshold must be
 * exactly what the trigger policy swept over its score CSV gives. Needs the built jar, the shipped model and the data.
 */
class DaemonReplayTest {

    private static final Path REPO = Path.of("../..");

    @Test
    void daemonDetectionsEqualTheSweepAtTheReplayedThreshold(@TempDir Path dir) throws Exception {
        Path data = Path.of(System.getProperty("wakeword.data", "../shared/data"));
        Path jar = REPO.resolve("target/wakeword.jar");
        Path model = REPO.resolve("models/stop.tflite");
        assumeTrue(Files.isDirectory(data.resolve("speech_commands")), "shared data absent");
        assumeTrue(Files.isRegularFile(jar), "daemon jar not built (mvn package at the repo root)");
        assumeTrue(Files.isRegularFile(model), "no models/stop.tflite yet");
        ModelManifest manifest = ModelManifest.read(ModelManifest.pathFor(model));
        StreamSettings small = new StreamSettings(11, 10, 0.5, 3.0, -30, -24, 1, 20, 10);
        StreamSet set = StreamSet.build(data, new SpeakerSplit("v1"), SpeakerSplit.Part.TEST, small, dir.resolve("streams"), null);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // A low threshold, so the daemon has plenty of detections to disagree about.
            double threshold = 0.2;
            ModelSweeper sweeper = new ModelSweeper("stop", model, manifest,
                    new Replay(jar, REPO.resolve("config/wakeword.conf"), dir.resolve("cache")),
                    java.util.Map.of(manifest.trigger().smoothing(), List.of(0.5, 0.9)), pool);
            SystemSweep sweep = sweeper.run(set, threshold);
            assertEquals(List.of(), sweep.check().mismatches());
            assertEquals(3, sweep.check().streams());
            assertTrue(sweep.check().detections() > 0, "the daemon detected something at " + threshold);
            assertEquals(List.of(0.9, 0.5, 0.2), sweep.strictestFirst().stream().map(OperatingPoint::value).toList());
            // Run again: from the cache, with the same figures.
            SystemSweep again = sweeper.run(set, threshold);
            assertEquals(sweep.strictestFirst().get(1).pooled(), again.strictestFirst().get(1).pooled());
            assertEquals(sweep.cpuSeconds(), again.cpuSeconds(), 1e-9);
        } finally {
            pool.shutdownNow();
        }
    }
}
