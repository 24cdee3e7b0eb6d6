package wakeword.tools.train;

import com.google.gson.JsonObject;
import wakeword.tools.data.Augmentation;
import wakeword.tools.data.FeatureSpec;
import wakeword.tools.nn.Architecture;
import wakeword.tools.tflite.Int8Model;

/** The Markdown section of models/REPORT.md that one training run writes about its model. */
final class Report {

    private Report() {}

    static String section(Recipe recipe, String name, Trainer.Result result, Figures floatVal, Int8Model int8,
                          Agreement agreement, Figures val,
                          Figures test, JsonObject data, TrainMain.Options options) {
        Architecture a = recipe.architecture();
        FeatureSpec f = recipe.features();
        TrainConfig c = recipe.training();
        Augmentation aug = Augmentation.training();
        StringBuilder s = new StringBuilder();
        s.append("### ").append(name).append(".tflite").append(options.quick() ? " (QUICK RUN: not a real model)" : "").append("\n\n");
        s.append(String.format("- Features: %d Hz, frame %d, hop %d, FFT %d, %d mel bands (%.0f-%.0f Hz), %d MFCCs; input %d frames x %d.%n",
                f.params().sampleRate(), f.params().frameLength(), f.params().hopLength(), f.params().fftSize(),
                f.params().melBands(), f.params().lowHz(), f.params().highHz(), f.params().coefficients(), f.frames(),
                f.params().coefficients()));
        s.append("- Architecture (").append(a.name()).append("): ").append(a.layers()).append("\n");
        s.append(String.format("- Parameters %d, MACs per inference %d, .tflite %d bytes (int8; input scale %.5f zero point %d).%n",
                a.parameters(), a.macs(), int8.flatbuffer().length, int8.input().scale(), int8.input().zeroPoint()));
        JsonObject counts = data.deepCopy();
        for (String part : counts.keySet()) {
            if (counts.get(part).isJsonObject()) counts.getAsJsonObject(part).remove("keyword_speaker_ids");
        }
        s.append("- Split (salt ").append(Pipeline.SPLIT_SALT).append(", by speaker 80/10/10; speaker ids in the manifest): ")
                .append(counts).append("\n");
        s.append(String.format("- Per epoch %s fresh windows %s; %d epochs, batch %d, Adam lr %.4f -> %.5f (cosine), L2 %.0e, seed %d.%n",
                c.perEpoch().values().stream().mapToInt(Integer::intValue).sum(), c.perEpoch(), c.epochs(), c.batch(),
                c.learningRate(), c.finalLearningRate(), c.l2(), options.seed()));
        s.append(String.format("- Augmentation: background noise (the first 70%% of each file, NoiseRegion) at %.0f-%.0f dB SNR on %.0f%% of word and speech windows"
                        + " (the rest keep only their recording's own), word peak %.0f to %.0f dBFS, speed 1+-%.2f, "
                        + "%.0f%% of keyword windows end within %.2f s of the window end, keyword cut by >= %.0f%% = negative.%n",
                aug.minSnrDb(), aug.maxSnrDb(), (1 - aug.cleanShare()) * 100, aug.minLevelDb(), aug.maxLevelDb(), aug.speedRange(),
                aug.nearEndShare() * 100, aug.nearEndSeconds(), aug.partialCut() * 100));
        if (!c.miningEpochs().isEmpty()) {
            s.append(String.format("- Hard negatives: mined after epochs %s (at most %d new windows a round, score >= %.2f); "
                    + "%d in the pool at the end.%n", c.miningEpochs(), c.minedPerRound(), c.miningMinScore(), result.hardNegatives()));
        }
        if (c.labelSmoothing() > 0) {
            s.append(String.format("- Targets %.2f / %.2f instead of 0 / 1 (they keep logits near +-3.9, well inside the exported logit grid).%n",
                    c.labelSmoothing(), 1 - c.labelSmoothing()));
        }
        s.append(String.format("- Training time %.0f s (best epoch %d of %d; %s ships).%n", result.seconds(),
                result.bestEpoch(), c.epochs(), c.meanOfLast() == 0 ? "the best epoch"
                        : "the mean of the last " + c.meanOfLast() + " epochs' weights"));
        s.append("- Validation (float, the shipped weights): ").append(floatVal).append("\n");
        s.append("- Validation (int8 via TFLite): ").append(val).append("\n");
        s.append("- Test (int8, reported only): ").append(test).append("\n");
        s.append("- Float vs int8 on validation windows: ").append(agreement).append("\n");
        return s.toString();
    }
}
