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

    /** Each detection's peak, as reported when its event closes (or at the end). */
    private static List<Float> peaks(TriggerPolicy policy, float[] scores) {
        List<Float> peaks = new ArrayList<>();
        for (float s : scores) {
            policy.onScore(s);
            if (policy.eventClosed()) peaks.add(policy.closedPeak());
        }
        if (policy.finish()) peaks.add(policy.closedPeak());
        return peaks;
    }

    private static float[] bumps(int length, int... centres) {
        float[] s = new float[length];
        for (int c : centres) {
            for (int i = Math.max(0, c - 5); i < Math.min(length, c + 5); i++) s[i] = 0.95f;
        }
        return s;
    }

    /**
     * The smoothed score depends only on the last scores, not on what came before them: a running sum would keep a
     * trace of a large score that has left the window (here it rounds the small ones away entirely), and over days
     * of audio such traces made the daemon and a replay of the same minute print different scores.
     */
    @Test
    void whatLeftTheWindowLeavesNoTraceInTheSmoothedScore() {
        TriggerSettings s = new TriggerSettings(0.99, 4, 1000, 0);
        TriggerPolicy afterHistory = new TriggerPolicy(s, 0.02);
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 100_000; i++) afterHistory.onScore(random.nextFloat());
        afterHistory.onScore(0.9f);
        TriggerPolicy fresh = new TriggerPolicy(s, 0.02);
        for (int i = 0; i < 4; i++) {
            afterHistory.onScore(1e-30f);
            fresh.onScore(1e-30f);
        }
        assertEquals(1e-30f, fresh.smoothedScore(), 0f);
        assertEquals(Float.floatToIntBits(fresh.smoothedScore()), Float.floatToIntBits(afterHistory.smoothedScore()),
                fresh.smoothedScore() + " vs " + afterHistory.smoothedScore());
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
    void theScoreIsTheEventsPeakNotTheCrossing() {
        float[] scores = new float[200];
        scores[50] = 0.6f;
        scores[51] = 0.9f;
        scores[52] = 0.7f;
        assertEquals(List.of(0.9f), peaks(new TriggerPolicy(new TriggerSettings(0.5, 1, 0, 0), HOP), scores));
    }

    /**
     * A second bump inside the refractory period belongs to the first detection's event: with the threshold above
     * the first bump's peak alone, the second would fire instead, so the event's score must cover it.
     */
    @Test
    void theEventLastsThroughTheRefractoryPeriodSoAThresholdAboveItsPeakFiresNothingThere() {
        float[] scores = new float[300];
        scores[50] = 0.6f;
        scores[70] = 0.8f; // 0.4 s later: suppressed by the 1 s refractory period
        TriggerSettings settings = new TriggerSettings(0.5, 1, 1000, 0);
        List<Float> peaks = peaks(new TriggerPolicy(settings, HOP), scores);
        assertEquals(List.of(0.8f), peaks);
        assertEquals(List.of(), firingHops(new TriggerPolicy(settings.withThreshold(0.81), HOP), scores));
        assertEquals(List.of(70), firingHops(new TriggerPolicy(settings.withThreshold(0.61), HOP), scores));
    }

    @Test
    void anEventClosesAndTheNextFiresAtTheSameHop() {
        float[] scores = new float[300];
        java.util.Arrays.fill(scores, 50, 60, 0.9f);
        java.util.Arrays.fill(scores, 70, 300, 0.7f); // dipped, then above the threshold when the refractory ends
        TriggerPolicy policy = new TriggerPolicy(new TriggerSettings(0.5, 1, 1000, 0), HOP);
        int both = 0;
        for (int i = 0; i < scores.length; i++) {
            if (policy.onScore(scores[i]) && policy.eventClosed()) {
                assertEquals(100, i);
                assertEquals(0.9f, policy.closedPeak());
                both++;
            }
        }
        assertEquals(1, both);
        assertTrue(policy.finish());
        assertEquals(0.7f, policy.closedPeak());
    }

    @Test
    void thresholdIsInclusiveAndResetForgetsHistory() {
        TriggerPolicy policy = new TriggerPolicy(new TriggerSettings(0.5, 2, 0, 0), HOP);
        assertFalse(policy.onScore(0.4f));
        assertTrue(policy.onScore(0.6f));
        assertEquals(0.5f, policy.smoothedScore(), 1e-6);
        policy.reset();
        assertFalse(policy.onScore(0.4f));
        assertFalse(policy.finish());
        assertEquals(0.4f, policy.smoothedScore(), 1e-6);
    }

    @Test
    void scoresPrintRoundedUp() {
        assertEquals("0.964", new Detection(1, 0.96354f).scoreText(3));
        assertEquals("0.9636", new Detection(1, 0.96354f).scoreText(4));
        assertEquals("0.500", new Detection(1, 0.5f).scoreText(3));
    }

    @Test
    void settingsRejectOutOfRangeValues() {
        assertThrows(IllegalArgumentException.class, () -> new TriggerSettings(1.5, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TriggerSettings(0.5, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TriggerSettings(0.5, 1, -1, 0));
    }
}
