package wakeword.tools.train;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wakeword.model.ModelManifest;
import wakeword.tools.tflite.StreamingCheck;
import wakeword.tools.tflite.StreamingExporter.StreamingExport;

/** The converter adds the streaming block and the check's figures to a manifest and changes nothing else in it. */
class StreamMainTest {

    @Test
    void streamingBlockIsAddedAndEveryOtherFieldKept(@TempDir Path dir) throws Exception {
        ModelManifest original = new ModelManifest("stop", "0.1.0+abc", Recipe.SHIPPED_FEATURES,
                new ModelManifest.Input(49, 10, 0.40308607f, 43), new ModelManifest.Output(1 / 256f, -128, false),
                new ModelManifest.TriggerDefaults(0.586, 3, 1000, 990), training(), new JsonObject(), null);
        // A field this version does not know (a newer trainer's) must survive too.
        JsonObject text = JsonParser.parseString(original.toJson()).getAsJsonObject();
        text.addProperty("future_field", 0.1f);
        String before = text.toString();
        StreamingExport stream = new StreamingExport(new byte[1234], 2, 48,
                List.of(new ModelManifest.State("state0", "state0/next", List.of(1, 8, 10, 1))));

        String after = StreamMain.withStreaming(before, original, stream, "stop-stream.tflite", new StreamingCheck(2900, 0, 2900));

        Path file = dir.resolve("stop.json");
        Files.writeString(file, after);
        ModelManifest read = ModelManifest.read(file);
        assertEquals(stream.manifestBlock("stop-stream.tflite"), read.streaming());
        JsonObject got = JsonParser.parseString(after).getAsJsonObject();
        JsonObject training = got.getAsJsonObject("training");
        assertEquals(2900, training.getAsJsonObject("streaming_vs_window_validation").get("identical").getAsInt());
        assertEquals(1234, training.get("streaming_tflite_bytes").getAsInt());
        got.remove("streaming");
        training.remove("streaming_vs_window_validation");
        training.remove("streaming_tflite_bytes");
        training.remove("streaming_converted_from");
        assertEquals(JsonParser.parseString(before), got, "everything but the additions is as it was");
    }

    private static JsonObject training() {
        JsonObject t = new JsonObject();
        t.addProperty("architecture", "streaming-ds-cnn");
        t.addProperty("training_seconds", 1014.4);
        return t;
    }
}
