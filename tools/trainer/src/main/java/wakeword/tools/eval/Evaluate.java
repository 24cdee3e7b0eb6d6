package wakeword.tools.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.tinylog.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import wakeword.model.ModelManifest;
import wakeword.tools.data.SpeakerSplit;

/** {@code tools/evaluate}: streams, sweeps, results JSON, DET plot and the report section, from the repo root. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Measures misses and false alarms per hour of the models and PocketSphinx on held-out streams.")
public final class Evaluate implements Callable<Integer> {

    enum Split { validation, test, both }

    @Option(names = "--data", description = "the shared recordings (default: ${DEFAULT-VALUE})", defaultValue = "../shared/data")
    Path data;

    @Option(names = "--models", split = ",", description = "model names under --models-dir, or none (default: "
            + "stop,baseline, skipping those not there)")
    List<String> models;

    @Option(names = "--models-dir", defaultValue = "models", description = "default: ${DEFAULT-VALUE}")
    Path modelsDir;

    @Option(names = "--split", defaultValue = "both", description = "validation, test or both (default: ${DEFAULT-VALUE})")
    Split split;

    @Option(names = "--hours", defaultValue = "1", description = "length of each keyword-free stream (default: ${DEFAULT-VALUE})")
    double hours;

    @Option(names = "--quick", description = "short streams (about 2 min per part) for CI; results go to tools/out/eval-quick")
    boolean quick;

    @Option(names = "--seed", defaultValue = "1", description = "stream seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--jobs", description = "processes at once (default: the number of CPUs)")
    Integer jobs;

    @Option(names = "--pocketsphinx", defaultValue = "pocketsphinx_continuous",
            description = "the decoder, or 'none' to leave it out (default: ${DEFAULT-VALUE})")
    String pocketsphinx;

    @Option(names = "--max-fa", defaultValue = "0.5", description = "false alarms per hour the chosen setting may have on validation (default: ${DEFAULT-VALUE})")
    double maxFa;

    @Option(names = "--jar", defaultValue = "target/wakeword.jar", description = "the daemon jar (default: ${DEFAULT-VALUE})")
    Path jar;

    @Option(names = "--config", defaultValue = "config/wakeword.conf", description = "daemon config for replay (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--out", defaultValue = "tools/out", description = "streams and results go under it (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--report", description = "markdown section (default: models/REPORT-eval.md, to be copied into models/REPORT.md; with --quick under --out)")
    Path report;

    @Option(names = "--plot", description = "DET plot PNG (default: models/det.png; with --quick under --out)")
    Path plot;

    /** The arguments as given, for the report's "measured with" line. */
    private List<String> rawArgs = List.of();

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(data.resolve("speech_commands"))) {
            throw new IllegalArgumentException("no recordings at '" + data
                    + "' (expected speech_commands/ inside): pass --data with the shared data folder");
        }
        String tag = quick ? "-quick" : "";
        Path evalDir = out.resolve("eval" + tag);
        Path reportFile = report != null ? report : quick ? evalDir.resolve("REPORT-eval.md") : modelsDir.resolve("REPORT-eval.md");
        Path plotFile = plot != null ? plot : quick ? evalDir.resolve("det.png") : modelsDir.resolve("det.png");
        Set<SpeakerSplit.Part> parts = switch (split) {
            case validation -> EnumSet.of(SpeakerSplit.Part.VALIDATION);
            case test -> EnumSet.of(SpeakerSplit.Part.TEST);
            case both -> EnumSet.of(SpeakerSplit.Part.VALIDATION, SpeakerSplit.Part.TEST);
        };
        StreamSettings streams = quick ? StreamSettings.quick(seed) : StreamSettings.standard(seed, hours);
        Evaluation.Options options = new Evaluation.Options(data, "v1", modelNames(), modelsDir, parts, streams,
                out.resolve("streams" + tag), evalDir, jar, config, "none".equals(pocketsphinx) ? null : pocketsphinx,
                quick ? List.of(1e-10, 1e-20, 1e-30) : PocketSphinxSweeper.standardThresholds(),
                jobs != null ? jobs : Runtime.getRuntime().availableProcessors(), maxFa, commandLine(),
                System.getProperty("wakeword.commit", "unknown"));
        Results results = new Evaluation(options).run();
        results.write(evalDir.resolve("results.json"));
        writePlot(results, plotFile);
        Path relativePlot = reportFile.toAbsolutePath().getParent().relativize(plotFile.toAbsolutePath());
        Files.writeString(reportFile, new Report(results, relativePlot.toString()).markdown());
        Logger.info("wrote {}, {} and {}", evalDir.resolve("results.json"), plotFile, reportFile);
        System.out.print(new Report(results, relativePlot.toString()).markdown());
        return 0;
    }

    private List<String> modelNames() throws Exception {
        if (models != null && models.equals(List.of("none"))) {
            return List.of();
        }
        if (models != null) {
            for (String m : models) ModelManifest.read(ModelManifest.pathFor(modelsDir.resolve(m + ".tflite")));
            return models;
        }
        List<String> found = new ArrayList<>();
        for (String m : List.of("stop", "baseline")) {
            if (Files.isRegularFile(modelsDir.resolve(m + ".tflite"))) {
                found.add(m);
            } else {
                Logger.warn("no {} in {}: left out", m + ".tflite", modelsDir);
            }
        }
        return found;
    }

    static void writePlot(Results results, Path png) throws java.io.IOException {
        List<DetPlot.Series> series = new ArrayList<>();
        for (int i = 0; i < results.systems().size(); i++) {
            Results.SystemResult s = results.systems().get(i);
            if (s.test() != null) {
                Results.Point chosen = s.testAtChosen() == null ? null
                        : new Results.Point(s.testAtChosen().setting(), s.testAtChosen().value(), s.testAtChosen().allStreams());
                series.add(new DetPlot.Series(s.name() + " (test)", i, s.test().det(), chosen, false));
            }
            if (s.validation() != null) {
                Results.Point chosen = s.validationAtChosen() == null ? null
                        : new Results.Point(s.validationAtChosen().setting(), s.validationAtChosen().value(),
                        s.validationAtChosen().allStreams());
                series.add(new DetPlot.Series(s.name() + " (validation)", i, s.validation().det(), chosen, true));
            }
        }
        new DetPlot(0.1, 1000).write("\"stop\": misses against false alarms on held-out streams", series, png);
    }

    private String commandLine() {
        return "tools/evaluate" + (rawArgs.isEmpty() ? "" : " " + String.join(" ", rawArgs));
    }

    public static void main(String[] args) {
        Evaluate command = new Evaluate();
        command.rawArgs = List.of(args);
        CommandLine cli = new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, c, p) -> {
            System.err.println("evaluate: " + e.getMessage());
            return 1;
        });
        System.exit(cli.execute(args));
    }
}
