package wakeword.trigger;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TriggerPolicyTest {

    private static final double HOP = 0.02;

    private static List<Integer> firingHops(TriggerPolicy policy, float[] scores) {
        List<Integer> fired = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            if (policy.onScore(scores[i])) fired.add(i);
        }
        return fired;
    }

    private static float[] bumps(int length, int... centres) {
        float[] s = new float[length];
        for (int c : centres) {
            for (int i = Math.max(0, c - 5); i < Math.min(length, c + 5); i++) s[i] = 0.95f;
        }
        return s;
    }

    @Test
    void oneBumpFiresOnceAndSmoothingDelaysItBySmoothingMinusOneHopsAtMost() {
        float[] scores = bumps(300, 100);
        assertEquals(List.of(95), firingHops(new TriggerPolicy(new TriggerSettings(0.5, 1, 0, 0), HOP), scores));
        // Average of 3: two of three hops at 0.95 gives 0.63 >= 0.5 on the second hop.
        assertEquals(List.of(96), firingHops(new TriggerPolicy(new TriggerSettings(0.5, 3, 0, 0), HOP), scores));
    }

    @Test
    void warmupSuppressesEarlyDetections() {
        float[] scores = bumps(300, 20, 200);
        assertEquals(List.of(15, 195), firingHops(new TriggerPolicy(new TriggerSettings(0.5, 1, 0, 0), HOP), scores));
        assertEquals(List.of(195), firingHops(new TriggerPolicy(new TriggerSettings(0.5, 1, 0, 1000), HOP), scores));
    }

    @Test
    void refractoryPeriodSuppressesASecondDetectionTooSoon() {
        float[] scores = bumps(400, 100, 140, 300);
        assertEquals(List.of(95, 135, 295), firingHops(new TriggerPolicy(new TriggerSettings(0.5, 1, 0, 0), HOP), scores));
        // 1 s refractory = 50 hops: the bump 40 hops later is suppressed, the one 200 hops later is not.
        assertEquals(List.of(95, 295), firingHops(new TriggerPolicy(new TriggerSettings(0.5, 1, 1000, 0), HOP), scores));
    }

    @Test
    void aLongHighStretchFiresOnceUntilTheScoreFallsAgain() {
        float[] scores = new float[500];
        java.util.Arrays.fill(scores, 50, 400, 0.9f);
        assertEquals(List.of(50), firingHops(new TriggerPolicy(new TriggerSettings(0.5, 1, 100, 0), HOP), scores));
    }

    @Test
    void thresholdIsInclusiveAndResetForgetsHistory() {
        TriggerPolicy policy = new TriggerPolicy(new TriggerSettings(0.5, 2, 0, 0), HOP);
        assertFalse(policy.onScore(0.4f));
        assertTrue(policy.onScore(0.6f));
        assertEquals(0.5f, policy.smoothedScore(), 1e-6);
        policy.reset();
        assertFalse(policy.onScore(0.4f));
        assertEquals(0.4f, policy.smoothedScore(), 1e-6);
    }

    @Test
    void settingsRejectOutOfRangeValues() {
        assertThrows(IllegalArgumentException.class, () -> new TriggerSettings(1.5, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TriggerSettings(0.5, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TriggerSettings(0.5, 1, -1, 0));
    }
}
