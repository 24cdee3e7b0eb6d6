package wakeword.tools.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wakeword.model.ModelManifest;

class TriggerWriterTest {

    @Test
    void theChosenThresholdAndSmoothingReplaceTheTriggerAndEverythingElseStays(@TempDir Path dir) throws Exception {
        Path manifest = dir.resolve("stop.json");
        Files.copy(Path.of("../../models/stop.json"), manifest);
        ModelManifest before = ModelManifest.read(manifest);
        StreamOutcome.Summary v = new StreamOutcome.Summary(150, 141, 3, 0, 3.1, 9 / 150.0, 3 / 3.1, 0.1, 0.2);
        Results.Figures chosen = new Results.Figures("0.98047", 0.98046875, 4, v, v, v, v, null, List.of(), List.of());
        StreamSettings streams = StreamSettings.standard(1, 3);

        ModelManifest after = TriggerWriter.write(manifest, chosen, new ChoiceRule(0.08, 0), streams, "tools/evaluate --write-trigger", "abc1234");

        assertEquals(new ModelManifest.TriggerDefaults(0.98046875, 4, before.trigger().refractoryMs(),
                before.trigger().warmupMs()), after.trigger());
        assertEquals(before.features(), after.features());
        assertEquals(before.input(), after.input());
        assertEquals(before.output(), after.output());
        assertEquals(before.training(), after.training());
        assertEquals(before.version(), after.version());
        JsonObject e = after.evaluation();
        assertEquals("abc1234", e.get("commit").getAsString());
        assertEquals(0.08, e.get("max_frr").getAsDouble());
        assertTrue(e.get("rule").getAsString().contains("8.0%"), e.get("rule").getAsString());
        JsonObject val = e.getAsJsonObject("validation");
        assertEquals(4, val.get("smoothing").getAsInt());
        assertEquals(9, val.get("missed").getAsInt());
        assertEquals(3 / 3.1, val.get("fa_per_hour").getAsDouble(), 1e-12);
        assertEquals(false, e.has("test"), "test figures are reported, never written");
    }
}
