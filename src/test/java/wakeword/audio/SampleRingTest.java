package wakeword.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SampleRingTest {

    private static final long FOREVER = Long.MAX_VALUE;

    private static short[] range(int from, int count) {
        short[] s = new short[count];
        for (int i = 0; i < count; i++) {
            s[i] = (short) (from + i);
        }
        return s;
    }

    @Test
    void keepsOrderAcrossTheWrap() throws Exception {
        SampleRing ring = new SampleRing(10);
        short[] out = new short[10];
        assertEquals(0, ring.write(range(0, 7), 0, 7));
        assertEquals(5, ring.read(out, 0, 5, FOREVER));
        assertEquals(0, ring.write(range(7, 8), 0, 8));
        assertEquals(10, ring.read(out, 0, 10, FOREVER));
        assertArrayEquals(range(5, 10), out);
    }

    @Test
    void aFullRingDropsTheOldestSamples() throws Exception {
        SampleRing ring = new SampleRing(10);
        assertEquals(0, ring.write(range(0, 8), 0, 8));
        assertEquals(4, ring.write(range(8, 6), 0, 6));
        short[] out = new short[10];
        assertEquals(10, ring.read(out, 0, 10, FOREVER));
        assertArrayEquals(range(4, 10), out);
        // A single write longer than the ring keeps only its newest samples.
        assertEquals(15, ring.write(range(100, 25), 0, 25));
        assertEquals(10, ring.read(out, 0, 10, FOREVER));
        assertArrayEquals(range(115, 10), out);
    }

    @Test
    void aReadTimesOutWithNothingQueued() throws Exception {
        SampleRing ring = new SampleRing(4);
        assertEquals(0, ring.read(new short[4], 0, 4, 1_000_000));
        ring.write(range(1, 1), 0, 1);
        assertEquals(1, ring.read(new short[4], 0, 4, 0));
    }

    @Test
    void aBlockedReaderWakesForDataAndForClose() throws Exception {
        SampleRing ring = new SampleRing(4);
        CompletableFuture<short[]> reader = CompletableFuture.supplyAsync(() -> {
            short[] out = new short[4];
            try {
                int n = ring.read(out, 0, 4, FOREVER);
                return Arrays.copyOf(out, n);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        ring.write(range(42, 2), 0, 2);
        assertArrayEquals(range(42, 2), reader.get(10, TimeUnit.SECONDS));

        CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return ring.read(new short[4], 0, 4, FOREVER);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        ring.close();
        assertEquals(-1, waiting.get(10, TimeUnit.SECONDS));
    }
}
