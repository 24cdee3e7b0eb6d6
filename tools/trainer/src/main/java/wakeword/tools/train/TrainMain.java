package wakeword.tools.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tinylog.Logger;

/**
 * {@code tools/train}: from the shared recordings to models/stop.tflite and models/baseline.tflite with their
 * manifests. Arguments: {@code --data DIR} (default ../shared/data), {@code --out DIR} (default models),
 * {@code --quick} (a tiny run for CI), {@code --only stop|baseline}, {@code --seed N}.
 */
public final class TrainMain {

    public static void main(String[] args) {
        try {
            Options o = Options.parse(args);
            new Pipeline(o).run();
        } catch (IllegalArgumentException e) {
            System.err.println("train: " + e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            Logger.error(e, "training failed");
            System.exit(1);
        }
    }

    /** Command-line settings. */
    public record Options(Path data, Path out, Path work, boolean quick, List<String> only, long seed, String commit) {

        static Options parse(String[] args) {
            Path data = Path.of("../shared/data");
            Path out = Path.of("models");
            Path work = Path.of("tools/out");
            boolean quick = false;
            List<String> only = new ArrayList<>(List.of("stop", "baseline"));
            long seed = 20261124L;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--data" -> data = Path.of(value(args, ++i, a));
                    case "--out" -> out = Path.of(value(args, ++i, a));
                    case "--work" -> work = Path.of(value(args, ++i, a));
                    case "--quick" -> quick = true;
                    case "--only" -> only = List.of(value(args, ++i, a).split(","));
                    case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
                    default -> throw new IllegalArgumentException("unknown argument '" + a
                            + "'; use --data DIR, --out DIR, --work DIR, --quick, --only stop|baseline, --seed N");
                }
            }
            for (String name : only) {
                if (!name.equals("stop") && !name.equals("baseline")) {
                    throw new IllegalArgumentException("--only takes stop, baseline or stop,baseline; got '" + name + "'");
                }
            }
            return new Options(data, out, work, quick, only, seed, System.getProperty("wakeword.commit", "unknown"));
        }

        private static String value(String[] args, int i, String flag) {
            if (i >= args.length) throw new IllegalArgumentException(flag + " needs a value");
            return args[i];
        }
    }
}
