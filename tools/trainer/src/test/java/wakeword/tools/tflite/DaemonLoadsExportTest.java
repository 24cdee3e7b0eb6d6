package wakeword.tools.tflite;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wakeword.model.InferenceOptions;
import wakeword.model.KeywordModel;
import wakeword.model.StreamingModel;
import wakeword.model.WindowModel;
import wakeword.model.ModelManifest;
import wakeword.tools.nn.Architecture;
import wakeword.tools.nn.FloatModel;
import wakeword.tools.nn.TfNetwork;
import wakeword.tools.nn.TfNetworkTest;
import wakeword.tools.train.Recipe;

/** An exported model with the manifest the trainer writes loads in the daemon's runner and scores as ours does. */
class DaemonLoadsExportTest {

    @Test
    void daemonScoresEqualTheVerifierScores(@TempDir Path dir) throws Exception {
        int frames = Recipe.SHIPPED_FRAMES;
        int coeffs = Recipe.SHIPPED_FEATURES.coefficients();
        Architecture arch = Architecture.dsCnn(frames, coeffs, 8, 1, 0.0);
        float[][] data = TfNetworkTest.blobs(64, frames, coeffs, 4);
        float[] w = new float[64];
        Arrays.fill(w, 1f);
        int size = frames * coeffs;
        Int8Model exported;
        try (TfNetwork net = new TfNetwork(arch, 0f, 5)) {
            for (int s = 0; s < 20; s++) net.train(data[0], data[1], w, 3e-3f);
            List<float[]> rows = new ArrayList<>();
            for (int i = 0; i < 64; i++) rows.add(Arrays.copyOfRange(data[0], i * size, (i + 1) * size));
            exported = Int8Exporter.export(new FloatModel(arch, net.weights()), Int8Exporter.inputRange(data[0]), rows);
        }
        // Read back, the window model's numbers write the same file again (SAME padding, a dense layer after the pool).
        assertArrayEquals(exported.flatbuffer(), Int8Exporter.export(WindowReader.read(exported.flatbuffer())).flatbuffer());
        Path file = dir.resolve("stop.tflite");
        Files.write(file, exported.flatbuffer());
        ModelManifest manifest = new ModelManifest("stop", "test", Recipe.SHIPPED_FEATURES,
                new ModelManifest.Input(frames, coeffs, exported.input().scale(), exported.input().zeroPoint()),
                exported.manifestOutput(),
                new ModelManifest.TriggerDefaults(0.8, 3, 1000, 1000), new JsonObject(), new JsonObject(), null);
        manifest.write(ModelManifest.pathFor(file));
        ModelManifest read = ModelManifest.read(ModelManifest.pathFor(file));

        // Without XNNPACK the daemon runs the same reference int8 kernels as our verifier: identical bytes. XNNPACK's
        // int8 kernels round differently inside, which moves the logit by at most one output step: the sigmoid's
        // slope is at most 1/4, so the score moves by at most a quarter of that step.
        assertTrue(exported.logit(), "a trained model outputs its logit");
        compare(file, read, exported, new InferenceOptions(1, false), data[0], 0f);
        compare(file, read, exported, new InferenceOptions(1, true), data[0], exported.output().scale() / 4 + 1e-6f);
    }

    /**
     * The streaming form as tools/train writes it (file and manifest block) is what the daemon opens for that manifest,
     * and its held scores follow the window model's frame for frame, shifted by the frames the window never reads. The
     * streaming form converted from the window .tflite alone (tools/stream) is that same file, byte for byte.
     */
    @Test
    void daemonOpensTheStreamingFormAndItFollowsTheWindowModel(@TempDir Path dir) throws Exception {
        int frames = Recipe.SHIPPED_FRAMES;
        int coeffs = Recipe.SHIPPED_FEATURES.coefficients();
        Architecture arch = Architecture.streamingDsCnn(frames, coeffs, 8, 1, 5, 3, 0.0);
        float[][] data = TfNetworkTest.blobs(64, frames, coeffs, 6);
        float[] w = new float[64];
        Arrays.fill(w, 1f);
        int size = frames * coeffs;
        Int8Model window;
        StreamingExporter.StreamingExport stream;
        try (TfNetwork net = new TfNetwork(arch, 0f, 5)) {
            for (int s = 0; s < 20; s++) net.train(data[0], data[1], w, 3e-3f);
            List<float[]> rows = new ArrayList<>();
            for (int i = 0; i < 64; i++) rows.add(Arrays.copyOfRange(data[0], i * size, (i + 1) * size));
            FloatModel model = new FloatModel(arch, net.weights());
            Quantization quant = Quantization.calibrate(model, Int8Exporter.inputRange(data[0]), rows);
            window = Int8Exporter.export(model, quant);
            stream = StreamingExporter.export(model, quant);
        }
        StreamingExporter.StreamingExport converted = StreamingExporter.export(WindowReader.read(window.flatbuffer()));
        assertArrayEquals(stream.flatbuffer(), converted.flatbuffer(), "converted from the window file");
        assertEquals(stream.manifestBlock("stop-stream.tflite"), converted.manifestBlock("stop-stream.tflite"));
        Path file = dir.resolve("stop.tflite");
        Files.write(file, window.flatbuffer());
        // The daemon runs the converted file.
        Files.write(dir.resolve("stop-stream.tflite"), converted.flatbuffer());
        new ModelManifest("stop", "test", Recipe.SHIPPED_FEATURES,
                new ModelManifest.Input(frames, coeffs, window.input().scale(), window.input().zeroPoint()),
                window.manifestOutput(),
                new ModelManifest.TriggerDefaults(0.8, 3, 1000, 1000), new JsonObject(), new JsonObject(),
                converted.manifestBlock("stop-stream.tflite")).write(ModelManifest.pathFor(file));
        ModelManifest read = ModelManifest.read(ModelManifest.pathFor(file));

        int n = data[0].length / coeffs;
        float[] windowScores = new float[n + 1];
        try (WindowModel daemon = new WindowModel(file, read, new InferenceOptions(1, false))) {
            for (int c = 1; c <= n; c++) {
                windowScores[c] = daemon.pushFrame(Arrays.copyOfRange(data[0], (c - 1) * coeffs, c * coeffs))
                        ? daemon.lastScore() : Float.NaN;
            }
        }
        int lag = frames - converted.receptiveFrames();
        try (KeywordModel daemon = KeywordModel.open(file, read, new InferenceOptions(1, false))) {
            assertInstanceOf(StreamingModel.class, daemon);
            int compared = 0;
            for (int c = 1; c <= n; c++) {
                boolean scored = daemon.pushFrame(Arrays.copyOfRange(data[0], (c - 1) * coeffs, c * coeffs));
                assertEquals(c >= converted.receptiveFrames(), scored, "frame " + c);
                // A new score on the frames a call ends on, held on the frame after it.
                int freshFrame = scored ? c - (c - converted.receptiveFrames()) % converted.strideHops() : 0;
                if (scored && freshFrame + lag <= n) {
                    assertEquals(windowScores[freshFrame + lag], daemon.lastScore(), "frame " + c);
                    compared++;
                }
            }
            assertTrue(compared > n - frames - 2, "compared " + compared);
        }
    }

    private static void compare(Path file, ModelManifest read, Int8Model exported, InferenceOptions options, float[] rows,
                                float tolerance) throws Exception {
        int frames = read.input().frames();
        int coeffs = read.input().coefficients();
        int size = frames * coeffs;
        try (WindowModel daemon = new WindowModel(file, read, options);
             TfliteRunner ours = new TfliteRunner(exported, size)) {
            int compared = 0;
            for (int i = 0; i < 16; i++) {
                float[] row = Arrays.copyOfRange(rows, i * size, (i + 1) * size);
                daemon.reset();
                boolean scored = false;
                for (int f = 0; f < frames; f++) scored = daemon.pushFrame(Arrays.copyOfRange(row, f * coeffs, (f + 1) * coeffs));
                assertTrue(scored, "a full window is scored");
                assertEquals(ours.score(row), daemon.lastScore(), tolerance, options + ", window " + i);
                compared++;
            }
            assertEquals(16, compared);
        }
    }
}
