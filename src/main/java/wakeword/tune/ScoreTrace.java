package wakeword.tune;

import java.util.Arrays;

/**
 * Every hop's raw model score over one recording, kept so that each smoothing and threshold can be tried
 * without running the model again.
 *
 * @param name       how the user knows the recording (file name, "take 2")
 * @param scores     raw scores, one per hop, from the first full model window on
 * @param firstTime  audio time (s) of the first score
 * @param hopSeconds time between scores
 */
public record ScoreTrace(String name, float[] scores, double firstTime, double hopSeconds) {

    public ScoreTrace {
        scores = scores.clone();
    }

    @Override
    public float[] scores() {
        return scores.clone();
    }

    public int length() {
        return scores.length;
    }

    float score(int hop) {
        return scores[hop];
    }

    public double seconds() {
        return scores.length * hopSeconds;
    }

    public double timeOf(int hop) {
        return firstTime + hop * hopSeconds;
    }

    /** Collects a trace hop by hop (for the live display, while the room is recorded). */
    public static final class Builder {
        private final String name;
        private final double hopSeconds;
        private float[] scores = new float[1024];
        private int length;
        private double firstTime = Double.NaN;

        public Builder(String name, double hopSeconds) {
            this.name = name;
            this.hopSeconds = hopSeconds;
        }

        public void add(double time, float score) {
            if (length == 0) firstTime = time;
            if (length == scores.length) scores = Arrays.copyOf(scores, length * 2);
            scores[length++] = score;
        }

        public ScoreTrace build() {
            return new ScoreTrace(name, Arrays.copyOf(scores, length), Double.isNaN(firstTime) ? 0 : firstTime, hopSeconds);
        }
    }
}
