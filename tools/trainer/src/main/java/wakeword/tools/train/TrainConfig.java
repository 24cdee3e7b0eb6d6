package wakeword.tools.train;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import wakeword.tools.data.WindowMaker.Kind;

/**
 * Settings of one training run.
 *
 * @param perEpoch windows of each kind made afresh (new augmentation) for every epoch
 * @param weights  loss weight of each kind (unlisted kinds weigh 1)
 * @param labelSmoothing targets are this far from 0 and 1
 * @param miningEpochs after which epochs (1-based) hard negatives are mined
 * @param minedPerRound at most this many new hard-negative windows per round
 * @param miningMinScore a window is mined only when the model scores it at least this
 * @param meanOfLast     0: ship the weights of the epoch with the best validation strict recall; N: ship the mean of
 *                       the weights after each of the last N epochs
 */
public record TrainConfig(int epochs, int batch, float learningRate, float finalLearningRate, float l2, long seed,
                          Map<Kind, Integer> perEpoch, Map<Kind, Double> weights, float labelSmoothing,
                          List<Integer> miningEpochs, int minedPerRound, double miningMinScore, int meanOfLast) {

    public TrainConfig {
        perEpoch = enumCopy(perEpoch);
        weights = enumCopy(weights);
        miningEpochs = List.copyOf(miningEpochs);
        if (meanOfLast < 0 || meanOfLast > epochs) {
            throw new IllegalArgumentException("meanOfLast must be 0 to " + epochs + ", got " + meanOfLast);
        }
    }

    /** An immutable copy that iterates in the kinds' declared order (Map.of's order changes from run to run). */
    private static <V> Map<Kind, V> enumCopy(Map<Kind, V> m) {
        EnumMap<Kind, V> e = new EnumMap<>(Kind.class);
        e.putAll(m);
        return Collections.unmodifiableMap(e);
    }

    /** Cosine decay from learningRate to finalLearningRate over the run. */
    public float learningRateAt(double progress) {
        return (float) (finalLearningRate + 0.5 * (learningRate - finalLearningRate) * (1 + Math.cos(Math.PI * progress)));
    }
}
