package wakeword.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import wakeword.model.ModelException;
import wakeword.model.ModelManifest;

/** The model the repository ships, and the speakers its training never heard (its test split). */
public final class ShippedModel {

    private ShippedModel() {
    }

    public static Path tflite() {
        return Path.of(System.getProperty("wakeword.repo", ".")).resolve("models/stop.tflite").toAbsolutePath();
    }

    public static ModelManifest manifest() throws ModelException {
        return ModelManifest.read(ModelManifest.pathFor(tflite()));
    }

    /** Speaker ids of the held-out test split's "stop" clips, as the trainer recorded them in the manifest. */
    public static List<String> testSpeakers() throws ModelException {
        JsonArray ids = manifest().training().getAsJsonObject("data").getAsJsonObject("test")
                .getAsJsonArray("keyword_speaker_ids");
        List<String> out = new ArrayList<>();
        for (JsonElement e : ids) out.add(e.getAsString());
        return out;
    }
}
