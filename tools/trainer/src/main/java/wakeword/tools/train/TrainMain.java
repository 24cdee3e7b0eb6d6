package wakeword.tools.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.tinylog.Logger;

/**
 * {@code tools/train}: from the shared recordings to models/stop.tflite and models/baseline.tflite with their
 * manifests. Arguments: {@code --data DIR} (default ../shared/data), {@code --out DIR} (default models),
 * {@code --quick} (a tiny run for CI), {@code --only stop|baseline} (default stop: the baseline is the frozen first
 * reference), {@code --seed N}, {@code --epochs N} (instead of the recipe's), {@code --without
 * images,mining,talk,synthetic} (leave parts of the shipped recipe out of training, for the ablation in REPORT.md;
 * validation keeps them all), {@code --checkpoints} (also write every candidate checkpoint, see
 * {@link Trainer.Result}, as {@code stop-<checkpoint>.tflite}, so {@code tools/evaluate} can choose between them on
 * validation streams). The synthetic voices are those {@code tools/synth} renders into {@code --cache}/synth;
 * a quick run goes without them when they are absent.
 */
public final class TrainMain {

    public static void main(String[] args) {
        try {
            Options o = Options.parse(args);
            new Pipeline(o).run();
        } catch (UsageException e) {
            System.err.println("train: " + e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            Logger.error(e, "training failed");
            System.exit(1);
        }
    }

    /** Command-line settings. */
    public record Options(Path data, Path out, Path work, Path cache, boolean quick, List<String> only, long seed,
                          Set<String> without, int epochs, boolean checkpoints, String commit) {

        /** What {@code --without} can leave out of the shipped recipe, to measure what each part buys. */
        static final Set<String> PARTS = Set.of(Recipe.IMAGES, Recipe.MINING, Recipe.TALK, Recipe.SYNTHETIC);

        static Options parse(String[] args) {
            Path data = Path.of("../shared/data");
            Path out = Path.of("models");
            Path work = Path.of("tools/out");
            boolean quick = false;
            List<String> only = new ArrayList<>(List.of("stop"));
            long seed = 20261124L;
            Path cache = Path.of("tools/cache");
            int epochs = 0;
            boolean checkpoints = false;
            Set<String> without = new TreeSet<>();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--data" -> data = Path.of(value(args, ++i, a));
                    case "--out" -> out = Path.of(value(args, ++i, a));
                    case "--work" -> work = Path.of(value(args, ++i, a));
                    case "--quick" -> quick = true;
                    case "--checkpoints" -> checkpoints = true;
                    case "--only" -> only = List.of(value(args, ++i, a).split(","));
                    case "--seed" -> seed = parseSeed(value(args, ++i, a));
                    case "--cache" -> cache = Path.of(value(args, ++i, a));
                    case "--epochs" -> epochs = parseEpochs(value(args, ++i, a));
                    case "--without" -> {
                        for (String part : value(args, ++i, a).split(",")) {
                            if (!PARTS.contains(part)) {
                                throw new UsageException("--without takes a comma-separated list of " + new TreeSet<>(PARTS)
                                        + "; got '" + part + "'");
                            }
                            without.add(part);
                        }
                    }
                    default -> throw new UsageException("unknown argument '" + a + "'; use --data DIR, --out DIR,"
                            + " --work DIR, --cache DIR, --quick, --only stop|baseline, --seed N, --epochs N, --checkpoints,"
                            + " --without images,mining,talk,synthetic");
                }
            }
            for (String name : only) {
                if (!name.equals("stop") && !name.equals("baseline")) {
                    throw new UsageException("--only takes stop, baseline or stop,baseline; got '" + name + "'");
                }
            }
            return new Options(data, out, work, cache, quick, only, seed, Set.copyOf(without), epochs, checkpoints,
                    System.getProperty("wakeword.commit", "unknown"));
        }

        private static int parseEpochs(String text) {
            try {
                int n = Integer.parseInt(text);
                if (n >= 1) return n;
            } catch (NumberFormatException e) {
                // falls through to the one message below
            }
            throw new UsageException("--epochs needs a whole number of at least 1, got '" + text + "'");
        }

        private static long parseSeed(String text) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new UsageException("--seed needs a whole number, got '" + text + "'");
            }
        }

        private static String value(String[] args, int i, String flag) {
            if (i >= args.length) throw new UsageException(flag + " needs a value");
            return args[i];
        }
    }
}
