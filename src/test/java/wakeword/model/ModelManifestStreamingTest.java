package wakeword.model;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wakeword.features.FeatureParams;

/** The manifest's streaming block: written and read back as is, refused when it cannot describe a model. */
class ModelManifestStreamingTest {

    private static final FeatureParams FEATURES = new FeatureParams(16000, 480, 320, 512, 40, 10, 0, 4000);

    private static ModelManifest manifest(ModelManifest.Streaming streaming) {
        return new ModelManifest("stop", "test", FEATURES, new ModelManifest.Input(49, 10, 0.4f, 50),
                new ModelManifest.Output(1f / 256, -128, false), new ModelManifest.TriggerDefaults(0.6, 3, 1000, 990),
                new JsonObject(), new JsonObject(), streaming);
    }

    private static ModelManifest.Streaming streaming(int stride, int receptive, List<Integer> shape) {
        return new ModelManifest.Streaming("stop-stream.tflite", stride, receptive,
                List.of(new ModelManifest.State("state0", "state0/next", shape)));
    }

    @Test
    void roundTripsAndIsOptional(@TempDir Path dir) throws Exception {
        ModelManifest withStream = manifest(streaming(2, 48, List.of(1, 8, 10, 1)));
        withStream.write(dir.resolve("a.json"));
        assertTrue(Files.readString(dir.resolve("a.json")).contains("\"stride_hops\": 2"));
        ModelManifest read = ModelManifest.read(dir.resolve("a.json"));
        assertEquals(withStream.streaming(), read.streaming());
        assertEquals(80, read.streaming().states().get(0).bytes());

        manifest(null).write(dir.resolve("b.json"));
        assertNull(ModelManifest.read(dir.resolve("b.json")).streaming());
    }

    @Test
    void refusesABlockThatCannotDescribeAModel(@TempDir Path dir) throws Exception {
        for (ModelManifest.Streaming bad : List.of(streaming(0, 48, List.of(1, 8, 10, 1)),
                streaming(2, 50, List.of(1, 8, 10, 1)), streaming(2, 48, List.of(1, 0, 10, 1)),
                new ModelManifest.Streaming("../elsewhere/stop-stream.tflite", 2, 48, List.of()))) {
            manifest(bad).write(dir.resolve("bad.json"));
            ModelException e = assertThrows(ModelException.class, () -> ModelManifest.read(dir.resolve("bad.json")));
            assertTrue(e.getMessage().contains("'streaming' needs"), e.getMessage());
        }
    }
}
