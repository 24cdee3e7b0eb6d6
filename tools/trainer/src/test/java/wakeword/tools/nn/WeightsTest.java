package wakeword.tools.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mean of checkpoints that `tools/train` can ship instead of the best epoch. */
class WeightsTest {

    @Test
    void theMeanIsElementWiseAndKeepsLayersWithoutWeights() {
        Weights a = new Weights(Arrays.asList(new float[] {1, 2}, null), Arrays.asList(new float[] {0}, null));
        Weights b = new Weights(Arrays.asList(new float[] {3, -2}, null), Arrays.asList(new float[] {1}, null));
        Weights c = new Weights(Arrays.asList(new float[] {2, 3}, null), Arrays.asList(new float[] {-4}, null));
        Weights mean = Weights.mean(List.of(a, b, c));
        assertArrayEquals(new float[] {2, 1}, mean.kernel(0));
        assertArrayEquals(new float[] {-1}, mean.bias(0));
        assertNull(mean.kernel(1));
        assertNull(mean.bias(1));
    }

    @Test
    void theMeanOfOneCheckpointIsThatCheckpoint() {
        Weights a = new Weights(List.of(new float[] {0.1f, 0.7f}), List.of(new float[] {0.3f}));
        Weights mean = Weights.mean(List.of(a));
        assertArrayEquals(a.kernel(0), mean.kernel(0));
        assertArrayEquals(a.bias(0), mean.bias(0));
    }

    @Test
    void noCheckpointsIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Weights.mean(List.of()));
    }
}
