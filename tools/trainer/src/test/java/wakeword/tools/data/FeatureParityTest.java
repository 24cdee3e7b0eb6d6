package wakeword.tools.data;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import wakeword.features.FeaturePath;
import wakeword.features.StreamingFrontend;
import wakeword.tools.audio.AudioFiles;
import wakeword.tools.train.Recipe;

/**
 * The windows the trainer learns from must be exactly what the daemon's streaming frontend shows the model:
 * a window cut at a hop boundary gives, frame for frame, the frames the stream emits for that stretch.
 */
class FeatureParityTest {

    private static final FeatureSpec SPEC = new FeatureSpec(Recipe.SHIPPED_FEATURES, Recipe.SHIPPED_FRAMES, UnaryOperator.identity());

    private static void assertWindowsMatchStream(short[] audio, long seed) {
        StreamingFrontend stream = new StreamingFrontend(SPEC.params(), FeaturePath.FLOAT);
        List<float[]> frames = new ArrayList<>();
        Random r = new Random(seed);
        for (int at = 0; at < audio.length; ) {
            int n = Math.min(audio.length - at, 1 + r.nextInt(700)); // capture chunks of any size
            stream.accept(audio, at, n, f -> frames.add(f.clone()));
            at += n;
        }
        int hop = SPEC.params().hopLength();
        int c = SPEC.params().coefficients();
        int checked = 0;
        for (int first = 0; first + SPEC.frames() <= frames.size(); first += 7) {
            int start = first * hop;
            if (start + SPEC.windowSamples() > audio.length) break;
            float[] window = SPEC.features(java.util.Arrays.copyOfRange(audio, start, start + SPEC.windowSamples()));
            for (int i = 0; i < SPEC.frames(); i++) {
                float[] expected = frames.get(first + i);
                for (int k = 0; k < c; k++) {
                    assertEquals(expected[k], window[i * c + k], 0f, "window at frame " + first + ", frame " + i + ", coefficient " + k);
                }
            }
            checked++;
        }
        assertTrue(checked > 3, "checked " + checked + " windows");
    }

    @Test
    void syntheticAudioGivesTheStreamsFrames() {
        Random r = new Random(5);
        short[] audio = new short[16000 * 3];
        for (int i = 0; i < audio.length; i++) {
            double tone = i > 12000 && i < 30000 ? 6000 * Math.sin(2 * Math.PI * 440 * i / 16000.0) : 0;
            audio[i] = (short) (tone + r.nextGaussian() * 300);
        }
        assertWindowsMatchStream(audio, 1);
    }

    @Test
    void aRealRecordingGivesTheStreamsFrames() {
        Path data = Path.of(System.getProperty("wakeword.data", "../../../shared/data"));
        Path noise = data.resolve("speech_commands/_background_noise_/doing_the_dishes.flac");
        assumeTrue(Files.isRegularFile(noise), "shared data absent");
        short[] all = AudioFiles.read(noise);
        assertWindowsMatchStream(java.util.Arrays.copyOfRange(all, 16000 * 10, 16000 * 14), 2);
    }
}
