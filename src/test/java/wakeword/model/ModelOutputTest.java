package wakeword.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The int8 output read as a score: a LOGISTIC's own value, or the sigmoid of a logit; a mismatch is refused. */
class ModelOutputTest {

    @Test
    void aLogitOutputKeepsConfidentWindowsApart() {
        ModelManifest.Output logit = new ModelManifest.Output(1f / 16, 0, true);
        assertEquals(0.5f, logit.score(0), 1e-7f);
        assertEquals(1 / (1 + Math.exp(-4.0)), logit.score(64), 1e-6);
        // LOGISTIC's grid saturates above a logit of about 5.5; here 5.5, 6 and 7.9 still give three scores.
        assertTrue(logit.score(88) < logit.score(96) && logit.score(96) < logit.score(127));
        assertEquals(0.999, logit.highestScore(3), 1e-12);

        ModelManifest.Output logistic = new ModelManifest.Output(1f / 256, -128, false);
        assertEquals(255 / 256f, logistic.score(127), 0f);
        assertEquals(0.996, logistic.highestScore(3), 1e-12);
    }

    @Test
    void aManifestThatMisreadsTheOutputIsRefusedWithTheFix(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("stop.tflite");
        ModelManifest.Output saysScore = new ModelManifest.Output(1f / 16, 0, false);
        ModelException e = assertThrows(ModelException.class, () -> saysScore.onTensorGrid(1f / 16, 0, model));
        assertTrue(e.getMessage().contains("outputs a logit") && e.getMessage().contains("tools/train"), e.getMessage());

        ModelManifest.Output saysLogit = new ModelManifest.Output(1f / 256, -128, true);
        e = assertThrows(ModelException.class, () -> saysLogit.onTensorGrid(1f / 256, -128, model));
        assertTrue(e.getMessage().contains("outputs a 0..1 score"), e.getMessage());

        assertEquals(new ModelManifest.Output(1f / 16, 0, true),
                new ModelManifest.Output(0.5f, 3, true).onTensorGrid(1f / 16, 0, model), "the tensor's grid wins");
    }

    /** The first release's model ends in LOGISTIC: a manifest edited to call it a logit does not load. */
    @Test
    void theDaemonRefusesARealModelWhoseManifestMisreadsItsOutput(@TempDir Path dir) throws Exception {
        Path v1 = Path.of("models", "stop-v1.tflite");
        ModelManifest m = ModelManifest.read(ModelManifest.pathFor(v1));
        Path copy = dir.resolve("stop-v1.tflite");
        Files.copy(v1, copy);
        ModelManifest edited = new ModelManifest(m.name(), m.version(), m.features(), m.input(),
                new ModelManifest.Output(m.output().scale(), m.output().zeroPoint(), true), m.trigger(), m.training(),
                m.evaluation(), m.streaming());
        edited.write(ModelManifest.pathFor(copy));
        ModelException e = assertThrows(ModelException.class, () -> KeywordModel.open(copy,
                ModelManifest.read(ModelManifest.pathFor(copy)), new InferenceOptions(1, false)));
        assertTrue(e.getMessage().contains("outputs a 0..1 score"), e.getMessage());
        try (KeywordModel ok = KeywordModel.open(v1, m, new InferenceOptions(1, false))) {
            assertEquals(0f, ok.lastScore(), 0f);
        }
    }
}
