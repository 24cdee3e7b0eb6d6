package wakeword.model;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import wakeword.features.FeaturePath;
import wakeword.features.StreamingFrontend;
import wakeword.testing.SharedData;
import wakeword.testing.ShippedModel;

/**
 * The streaming form of the model scores a long real recording as the window form does, at every hop where both
 * score. Runs on the shipped model (or the one named by {@code -Dwakeword.model=FILE.tflite}) when its manifest has a
 * streaming form, and where the shared recordings are present.
 */
class StreamingModelTest {

    private static Path modelFile() {
        String named = System.getProperty("wakeword.model");
        return named != null ? Path.of(named).toAbsolutePath() : ShippedModel.tflite();
    }

    @Test
    void streamingScoresEqualTheWindowModelsOverALongRecording() throws Exception {
        Path file = modelFile();
        ModelManifest manifest = ModelManifest.read(ModelManifest.pathFor(file));
        assumeTrue(manifest.streaming() != null, file + ": its manifest has no streaming form");
        float[][] frames = StreamingFrontend.framesOf(manifest.features(), FeaturePath.FLOAT, recording());
        // TFLite's built-in kernels compute each int8 output from the same int8 inputs in both forms: identical bytes.
        // XNNPACK picks different kernels for the two graphs' shapes, which may round one output step apart.
        Comparison builtin = compare(file, manifest, frames, new InferenceOptions(1, false));
        assertEquals(builtin.compared(), builtin.identical(), "built-in kernels: " + builtin);
        Comparison xnnpack = compare(file, manifest, frames, new InferenceOptions(1, true));
        assertTrue(xnnpack.maxSteps() <= 1, "XNNPACK: " + xnnpack);
        System.out.println(file.getFileName() + ": built-in " + builtin + "; XNNPACK " + xnnpack);
    }

    /** @param compared hops where both scored; maxSteps the largest difference in int8 output steps */
    record Comparison(int frames, int compared, int identical, int maxSteps, int distinctScores) {
    }

    private static Comparison compare(Path file, ModelManifest manifest, float[][] frames, InferenceOptions options)
            throws ModelException {
        int n = frames.length;
        float[] window = new float[n + 1];
        try (WindowModel model = new WindowModel(file, manifest, options)) {
            for (int c = 1; c <= n; c++) window[c] = model.pushFrame(frames[c - 1]) ? model.lastScore() : Float.NaN;
        }
        ModelManifest.Streaming s = manifest.streaming();
        int lag = manifest.input().frames() - s.receptiveFrames();
        float step = manifest.output().scale();
        int compared = 0;
        int identical = 0;
        int maxSteps = 0;
        Set<Float> distinct = new HashSet<>();
        try (StreamingModel model = new StreamingModel(file.resolveSibling(s.model()), manifest, options)) {
            float held = Float.NaN;
            for (int c = 1; c <= n; c++) {
                boolean scored = model.pushFrame(frames[c - 1]);
                assertEquals(c >= s.receptiveFrames(), scored, "scored after frame " + c);
                boolean fresh = scored && (c - s.receptiveFrames()) % s.strideHops() == 0;
                if (scored && !fresh) {
                    assertEquals(held, model.lastScore(), "held between calls, frame " + c);
                }
                held = model.lastScore();
                if (!fresh || c + lag > n) continue;
                float expected = window[c + lag];
                int steps = Math.round(Math.abs(model.lastScore() - expected) / step);
                maxSteps = Math.max(maxSteps, steps);
                if (model.lastScore() == expected) identical++;
                distinct.add(expected);
                compared++;
            }
            assertEquals(0, allocatedBytes(model, frames), "bytes allocated by 2000 pushFrame calls");
        }
        assertTrue(compared >= (n - manifest.input().frames()) / s.strideHops(), "compared " + compared + " of " + n);
        assertTrue(distinct.size() >= 10, "the scores hardly move: " + distinct.size() + " distinct values");
        return new Comparison(n, compared, identical, maxSteps, distinct.size());
    }

    private static long allocatedBytes(KeywordModel model, float[][] frames) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (int i = 0; i < 2000; i++) model.pushFrame(frames[i % frames.length]); // warm-up: JIT, lazy class loading
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 2000; i++) model.pushFrame(frames[i % frames.length]);
        return threads.getThreadAllocatedBytes(id) - before;
    }

    /**
     * About 90 s of real audio: LibriSpeech utterances, each followed by a "stop" clip, so the scores go high and low
     * many times. Skips where the shared data is absent.
     */
    private static short[] recording() throws IOException {
        Path data = SharedData.require();
        List<Path> speech;
        try (Stream<Path> files = Files.walk(data.resolve("speech/librispeech"))) {
            speech = files.filter(p -> p.toString().endsWith(".flac")).sorted().limit(8).toList();
        }
        assumeTrue(!speech.isEmpty(), "no LibriSpeech utterances under " + data);
        List<Path> stops = SharedData.clips("stop", List.of());
        List<short[]> parts = new ArrayList<>();
        int length = 0;
        for (int i = 0; i < speech.size(); i++) {
            for (Path p : List.of(speech.get(i), stops.get(i * 7 % stops.size()))) {
                short[] s = SharedData.read(p);
                parts.add(s);
                length += s.length;
            }
        }
        short[] out = new short[length];
        int at = 0;
        for (short[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
