package wakeword.tools.train;

import java.util.Map;
import wakeword.tools.data.WindowMaker.Kind;

/**
 * Settings of one training run.
 *
 * @param perEpoch windows of each kind made afresh (new augmentation) for every epoch
 * @param weights  loss weight of each kind (unlisted kinds weigh 1)
 */
public record TrainConfig(int epochs, int batch, float learningRate, float finalLearningRate, float l2, long seed,
                          Map<Kind, Integer> perEpoch, Map<Kind, Double> weights) {

    public TrainConfig {
        perEpoch = Map.copyOf(perEpoch);
        weights = Map.copyOf(weights);
    }

    /** Cosine decay from learningRate to finalLearningRate over the run. */
    public float learningRateAt(double progress) {
        return (float) (finalLearningRate + 0.5 * (learningRate - finalLearningRate) * (1 + Math.cos(Math.PI * progress)));
    }
}
