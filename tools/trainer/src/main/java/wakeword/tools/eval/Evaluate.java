package wakeword.tools.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.tinylog.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import wakeword.model.ModelManifest;
import wakeword.tools.data.SpeakerSplit;
import wakeword.tools.data.SyntheticVoices;

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

    @Option(names = "--hours", defaultValue = "3", description = "length of each part's keyword-free stream (default: ${DEFAULT-VALUE})")
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

    @Option(names = "--max-frr", defaultValue = "0.08", description = "share of validation keywords the chosen setting may miss;"
            + " among those settings the one with the fewest validation false alarms per hour is chosen (default: ${DEFAULT-VALUE})")
    double maxFrr;

    @Option(names = "--max-fa", defaultValue = "0", description = "when above 0: choose instead the setting that misses"
            + " least among those with at most this many false alarms per keyword-free validation hour")
    double maxFa;

    @Option(names = "--smoothing", split = ",", defaultValue = "1,2,3,4,5",
            description = "trigger smoothings swept for every model, besides its manifest's (default: ${DEFAULT-VALUE})")
    List<Integer> smoothings;

    @Option(names = "--write-trigger", description = "write each model's chosen threshold and smoothing (and the"
            + " validation figures) into models/<name>.json; needs validation streams")
    boolean writeTrigger;

    @Option(names = "--synth", defaultValue = "tools/cache/synth", description = "synthetic voices rendered by tools/synth,"
            + " or 'none' (default: ${DEFAULT-VALUE}; left out with a warning when absent)")
    String synth;

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
        if (!(maxFrr > 0 && maxFrr < 1)) throw new IllegalArgumentException("--max-frr must lie between 0 and 1, got " + maxFrr);
        ChoiceRule rule = new ChoiceRule(maxFrr, maxFa);
        if (smoothings.stream().anyMatch(v -> v < 1 || v > 50)) {
            throw new IllegalArgumentException("--smoothing values must be 1-50 (as the daemon's config allows), got " + smoothings);
        }
        if (writeTrigger && split == Split.test) {
            throw new IllegalArgumentException("--write-trigger chooses on validation streams: use --split validation or both");
        }
        SyntheticVoices voices = null;
        if (!"none".equals(synth)) {
            if (SyntheticVoices.present(Path.of(synth))) voices = SyntheticVoices.read(Path.of(synth));
            else if (writeTrigger) {
                // A default chosen on streams without the confusable words would sit too low for real talk.
                throw new IllegalArgumentException("--write-trigger needs the synthetic voices: none in " + synth
                        + "; render them with tools/synth, or pass --synth none to choose without them");
            } else Logger.warn("no synthetic voices in {} (render them with tools/synth): streams without them", synth);
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
                jobs != null ? jobs : Runtime.getRuntime().availableProcessors(), smoothings, voices, rule,
                commandLine(), System.getProperty("wakeword.commit", "unknown"));
        Results results = new Evaluation(options).run();
        results.write(evalDir.resolve("results.json"));
        writePlot(results, plotFile);
        Path kindsPlot = plotFile.resolveSibling(plotFile.getFileName().toString().replace(".png", "") + "-sources.png");
        writeSourcePlot(results, kindsPlot);
        if (writeTrigger) writeTriggers(results, streams, rule);
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

    /** One line per system and part, at the smoothing chosen on validation (else the manifest's). */
    static void writePlot(Results results, Path png) throws java.io.IOException {
        List<DetPlot.Series> series = new ArrayList<>();
        for (int i = 0; i < results.systems().size(); i++) {
            Results.SystemResult s = results.systems().get(i);
            int smoothing = smoothingOf(s);
            String label = s.name() + (smoothing > 0 ? ", smoothing " + smoothing : "");
            if (s.test() != null) {
                series.add(new DetPlot.Series(label + " (test)", i, s.test().det(smoothing), point(s.testAtChosen()), false));
            }
            if (s.validation() != null) {
                series.add(new DetPlot.Series(label + " (validation)", i, s.validation().det(smoothing),
                        point(s.validationAtChosen()), true));
            }
        }
        new DetPlot(0.1, 1000).write("\"stop\": misses against false alarms on held-out streams", series, png);
    }

    /**
     * Test streams, one line per source group and system: the false alarms that group caused per hour of its own
     * audio, so groups of different size compare; the miss rate is the system's.
     */
    static void writeSourcePlot(Results results, Path png) throws java.io.IOException {
        List<DetPlot.Series> series = new ArrayList<>();
        int colour = 0;
        for (Results.SystemResult s : results.systems()) {
            if (s.test() == null) continue;
            int smoothing = smoothingOf(s);
            for (Map.Entry<String, Double> g : s.test().audioSecondsByGroup().entrySet()) {
                if (g.getValue() <= 0 || g.getKey().contains("keyword")) continue;
                double hours = g.getValue() / 3600;
                List<Results.Point> pts = s.test().det(smoothing).stream().map(p -> new Results.Point(p.setting(),
                        p.value(), p.smoothing(), perHour(p.pooled(), p.falseAlarmsByGroup().getOrDefault(g.getKey(), 0), hours),
                        Map.of())).toList();
                series.add(new DetPlot.Series(s.name() + ": " + g.getKey(), colour++, pts, null,
                        s.name().equals(PocketSphinxSweeper.NAME)));
            }
        }
        new DetPlot(0.1, 10000).write("Test streams: false alarms per hour of each kind of audio", series, png);
    }

    private static StreamOutcome.Summary perHour(StreamOutcome.Summary all, int falseAlarms, double hours) {
        return new StreamOutcome.Summary(all.keywords(), all.hits(), falseAlarms, 0, hours, all.frr(),
                falseAlarms / hours, all.latencyMedian(), all.latencyP90());
    }

    private static int smoothingOf(Results.SystemResult s) {
        if (s.validationAtChosen() != null) return s.validationAtChosen().smoothing();
        return s.testAtDefault() != null ? s.testAtDefault().smoothing() : 0;
    }

    private static Results.Point point(Results.Figures f) {
        return f == null ? null : new Results.Point(f.setting(), f.value(), f.smoothing(), f.allStreams(), Map.of());
    }

    private void writeTriggers(Results results, StreamSettings streams, ChoiceRule rule) throws Exception {
        for (Results.SystemResult s : results.systems()) {
            if (PocketSphinxSweeper.NAME.equals(s.name())) continue;
            Path manifest = ModelManifest.pathFor(modelsDir.resolve(s.name() + ".tflite"));
            if (s.validationAtChosen() == null || !s.chosenWithinLimit()) {
                throw new IllegalStateException(s.name() + ": no setting that detects can " + rule.limit()
                        + " on validation; " + manifest + " left as it was (loosen --max-frr or --max-fa)");
            }
            ModelManifest m = TriggerWriter.write(manifest, s.validationAtChosen(), rule, streams, commandLine(),
                    System.getProperty("wakeword.commit", "unknown"));
            Logger.info("wrote trigger {} into {}", m.trigger(), manifest);
        }
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
