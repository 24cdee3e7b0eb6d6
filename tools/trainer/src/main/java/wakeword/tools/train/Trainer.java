package wakeword.tools.train;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.tinylog.Logger;
import wakeword.tools.data.ExampleSet;
import wakeword.tools.data.FeatureSpec;
import wakeword.tools.data.ImageWindows;
import wakeword.tools.data.WindowMaker;
import wakeword.tools.nn.Architecture;
import wakeword.tools.nn.FloatModel;
import wakeword.tools.nn.TfNetwork;
import wakeword.tools.nn.Weights;
import wakeword.tools.tflite.QuantRange;

/**
 * Trains one architecture: every epoch draws fresh augmented windows, runs Adam over them in shuffled batches,
 * then scores the fixed validation set. What ships is the config's choice: the weights of the epoch with the best
 * validation strict recall, or the mean of the last epochs' weights.
 */
public final class Trainer {

    /**
     * What a run produced: {@code weights} (the config's choice) with their float validation {@code figures};
     * {@code history} has one entry per epoch; {@code checkpoints} holds every candidate by name ("best": the epoch
     * with the best validation strict recall, "last", "mean-N": the mean of the last N epochs' weights), so a stream
     * evaluation can compare them.
     */
    public record Result(Weights weights, Figures figures, int bestEpoch, List<Figures> history, double seconds,
                         int hardNegatives, Map<String, Weights> checkpoints) {}

    private final TrainConfig config;
    private final QuantRange input;

    /** {@code input}: the int8 grid of the model input, fixed before training; training windows are snapped to it. */
    public Trainer(TrainConfig config, QuantRange input) {
        this.config = config;
        this.input = input;
    }

    public Result train(Architecture arch, WindowMaker maker, FeatureSpec spec, ExampleSet validation) {
        return train(arch, maker, null, null, spec, validation);
    }

    /**
     * As above, with image windows (may be null when the config counts none) and hard-negative mining: after each
     * epoch listed in the config's mining schedule the current network scores {@code miner}'s keyword-free audio, and
     * the windows it fires on join the HARD_NEGATIVE pool that the following epochs draw from.
     */
    Result train(Architecture arch, WindowMaker startMaker, ImageWindows images, HardNegativeMiner miner,
                 FeatureSpec spec, ExampleSet validation) {
        WindowMaker maker = startMaker;
        List<short[]> pool = new ArrayList<>();
        long t0 = System.nanoTime();
        List<Figures> history = new ArrayList<>();
        Weights best = null;
        Figures bestFigures = null;
        int bestEpoch = -1;
        Random order = new Random(config.seed());
        // The second half's weights, for the means; a few copies of a small network.
        List<Weights> tail = new ArrayList<>();
        try (TfNetwork net = new TfNetwork(arch, config.l2(), config.seed())) {
            int size = spec.size();
            for (int epoch = 0; epoch < config.epochs(); epoch++) {
                long e0 = System.nanoTime();
                Map<WindowMaker.Kind, Integer> counts = new EnumMap<>(config.perEpoch());
                if (pool.isEmpty()) counts.remove(WindowMaker.Kind.HARD_NEGATIVE);
                ExampleSet data = ExampleSet.generate(maker, images, spec, counts, config.weights(),
                        config.seed() * 7919 + epoch).snapTo(input);
                double genSeconds = (System.nanoTime() - e0) / 1e9;
                int[] idx = data.shuffled(order);
                int steps = data.n() / config.batch();
                double lossSum = 0;
                float[] x = new float[config.batch() * size];
                float[] y = new float[config.batch()];
                float[] w = new float[config.batch()];
                for (int s = 0; s < steps; s++) {
                    for (int b = 0; b < config.batch(); b++) {
                        int i = idx[s * config.batch() + b];
                        System.arraycopy(data.x(), i * size, x, b * size, size);
                        // Soft targets keep the logits finite, so the int8 sigmoid never saturates at its top step
                        // and every score a stream reaches stays below the highest one a threshold can be set at.
                        y[b] = data.y()[i] * (1 - 2 * config.labelSmoothing()) + config.labelSmoothing();
                        w[b] = data.w()[i];
                    }
                    float lr = config.learningRateAt((epoch + (double) s / steps) / config.epochs());
                    lossSum += net.train(x, y, w, lr);
                }
                Figures f = Figures.of(validation, scores(net, validation));
                history.add(f);
                boolean better = bestFigures == null || f.strictRecall() > bestFigures.strictRecall()
                        || (f.strictRecall() == bestFigures.strictRecall() && f.loss() < bestFigures.loss());
                if (epoch >= config.epochs() / 2 || epoch + config.meanOfLast() >= config.epochs()) {
                    tail.add(net.weights());
                }
                if (better) {
                    best = net.weights();
                    bestFigures = f;
                    bestEpoch = epoch + 1;
                }
                Logger.info(String.format("%s epoch %d/%d  train loss %.4f  (%d windows, made in %.1fs, %.1fs total)  val %s%s",
                        arch.name(), epoch + 1, config.epochs(), lossSum / steps, data.n(), genSeconds,
                        (System.nanoTime() - e0) / 1e9, f, better ? "  *" : ""));
                if (miner != null && config.miningEpochs().contains(epoch + 1)) {
                    long m0 = System.nanoTime();
                    List<short[]> mined = miner.mine(net, config.minedPerRound(), config.miningMinScore());
                    pool.addAll(mined);
                    maker = new WindowMaker(startMaker.audio().withHardNegatives(pool), startMaker.augmentation(),
                            startMaker.length());
                    Logger.info(String.format("%s mining after epoch %d: %d windows of %d fired (score >= %.2f), pool %d (%.1fs)",
                            arch.name(), epoch + 1, mined.size(), miner.windows(), config.miningMinScore(), pool.size(),
                            (System.nanoTime() - m0) / 1e9));
                }
            }
        }
        Map<String, Weights> checkpoints = new LinkedHashMap<>();
        checkpoints.put("best", best);
        checkpoints.put("last", tail.get(tail.size() - 1));
        for (int n : new TreeSet<>(List.of(config.epochs() / 4, config.epochs() / 2, config.meanOfLast()))) {
            if (n > 1) checkpoints.put("mean-" + n, Weights.mean(tail.subList(tail.size() - n, tail.size())));
        }
        Weights chosen = best;
        Figures chosenFigures = bestFigures;
        if (config.meanOfLast() > 0) {
            chosen = checkpoints.get(config.meanOfLast() == 1 ? "last" : "mean-" + config.meanOfLast());
            chosenFigures = Figures.of(validation, scores(new FloatModel(arch, chosen), validation));
            Logger.info(String.format("%s mean of the last %d epochs: val %s", arch.name(), config.meanOfLast(),
                    chosenFigures));
        }
        return new Result(chosen, chosenFigures, bestEpoch, history, (System.nanoTime() - t0) / 1e9, pool.size(),
                checkpoints);
    }

    static float[] scores(FloatModel model, ExampleSet set) {
        float[] out = new float[set.n()];
        for (int i = 0; i < set.n(); i++) out[i] = model.score(set.row(i));
        return out;
    }

    static float[] scores(TfNetwork net, ExampleSet set) {
        float[] out = new float[set.n()];
        int chunk = 512;
        for (int from = 0; from < set.n(); from += chunk) {
            int m = Math.min(chunk, set.n() - from);
            float[] x = java.util.Arrays.copyOfRange(set.x(), from * set.size(), (from + m) * set.size());
            float[] logits = net.logits(x, m);
            for (int i = 0; i < m; i++) out[from + i] = (float) (1 / (1 + Math.exp(-logits[i])));
        }
        return out;
    }
}
