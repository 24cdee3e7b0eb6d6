package wakeword.tools.train;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;
import wakeword.audio.Resampler;

class ResamplingTest {

    @Test
    void reusedResamplerGivesTheOneShotResult() {
        Random r = new Random(9);
        var to8k = Resampling.to8k();
        for (int k = 0; k < 3; k++) {
            short[] window = new short[16096];
            for (int i = 0; i < window.length; i++) window[i] = (short) (r.nextGaussian() * 3000);
            assertArrayEquals(Resampler.resample(window, 16000, 8000), to8k.apply(window), "window " + k);
        }
    }
}
