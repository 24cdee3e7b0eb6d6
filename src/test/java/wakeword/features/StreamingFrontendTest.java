package wakeword.features;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StreamingFrontendTest {

    @ParameterizedTest
    @EnumSource(FeaturePath.class)
    void streamingInRandomChunksEqualsWholeBufferExactly(FeaturePath path) {
        for (FeatureParams params : List.of(FeatureFixtures.SHIPPED, FeatureFixtures.FULL_BAND, FeatureFixtures.SEED)) {
            short[] audio = FeatureFixtures.voiceLike(params.sampleRate(), 2.3, 7);
            float[][] whole = StreamingFrontend.framesOf(params, path, audio);

            StreamingFrontend frontend = new StreamingFrontend(params, path);
            List<float[]> streamed = new ArrayList<>();
            Random chunks = new Random(3);
            for (int at = 0; at < audio.length; ) {
                int length = Math.min(audio.length - at, 1 + chunks.nextInt(700));
                frontend.accept(audio, at, length, frame -> streamed.add(frame.clone()));
                at += length;
            }

            int expectedFrames = 1 + (audio.length - params.frameLength()) / params.hopLength();
            assertEquals(expectedFrames, whole.length);
            assertEquals(whole.length, streamed.size());
            for (int i = 0; i < whole.length; i++) {
                assertArrayEquals(whole[i], streamed.get(i), "frame " + i + " of " + params);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(FeaturePath.class)
    void resetStartsTheStreamAgain(FeaturePath path) {
        FeatureParams params = FeatureFixtures.SHIPPED;
        short[] audio = FeatureFixtures.voiceLike(16000, 0.5, 11);
        StreamingFrontend frontend = new StreamingFrontend(params, path);
        List<float[]> first = new ArrayList<>();
        frontend.accept(audio, 0, audio.length, f -> first.add(f.clone()));
        frontend.reset();
        List<float[]> second = new ArrayList<>();
        frontend.accept(audio, 0, audio.length, f -> second.add(f.clone()));
        assertEquals(first.size(), second.size());
        for (int i = 0; i < first.size(); i++) assertArrayEquals(first.get(i), second.get(i));
    }
}
