package wakeword.tools.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.tinylog.Logger;
import wakeword.model.ModelManifest;
import wakeword.tools.data.SpeakerSplit;

/**
 * The whole measurement: streams for the requested parts, every model and PocketSphinx swept on them, settings chosen
 * on validation and figures taken on test.
 */
public final class Evaluation {

    /** PocketSphinx's setting from the system notes, used as its "shipped" default. */
    public static final double POCKETSPHINX_DEFAULT = 1e-20;

    /**
     * @param models        model names; each is {@code modelsDir/<name>.tflite} with its manifest beside it
     * @param pocketsphinx  the decoder executable, or null to leave the peer out
     * @param pocketsphinxThresholds kws_threshold values to sweep (the default is always added)
     * @param jobs          processes run at once (replays, decoder runs)
     */
    public record Options(Path data, String splitSalt, List<String> models, Path modelsDir, Set<SpeakerSplit.Part> parts,
                          StreamSettings streams, Path streamsDir, Path outDir, Path jar, Path config,
                          String pocketsphinx, List<Double> pocketsphinxThresholds, int jobs, double maxFaPerHour,
                          String command, String commit) {
    }

    private final Options o;

    public Evaluation(Options options) {
        this.o = options;
    }

    public Results run() throws Exception {
        Map<SpeakerSplit.Part, StreamSet> sets = new EnumMap<>(SpeakerSplit.Part.class);
        SpeakerSplit split = new SpeakerSplit(o.splitSalt());
        for (SpeakerSplit.Part part : o.parts()) {
            Path dir = o.streamsDir().resolve(part.name().toLowerCase(java.util.Locale.ROOT));
            sets.put(part, StreamSet.build(o.data(), split, part, o.streams(), dir));
        }
        List<StreamLabels> labels = sets.values().stream()
                .flatMap(s -> s.entries().stream().map(StreamSet.Entry::labels)).toList();
        List<Results.SystemResult> systems = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(o.jobs());
        try {
            for (String name : o.models()) {
                systems.add(evaluateModel(name, sets, labels, pool));
            }
            if (o.pocketsphinx() != null) {
                systems.add(evaluatePocketSphinx(sets, labels, pool));
            }
        } finally {
            pool.shutdownNow();
        }
        return new Results(o.commit(), o.command(), o.streams(), o.splitSalt(), o.maxFaPerHour(),
                labels.stream().map(Results.StreamInfo::of).toList(), systems);
    }

    private Results.SystemResult evaluateModel(String name, Map<SpeakerSplit.Part, StreamSet> sets,
                                               List<StreamLabels> labels, ExecutorService pool) throws Exception {
        Path model = o.modelsDir().resolve(name + ".tflite");
        ModelManifest manifest = ModelManifest.read(ModelManifest.pathFor(model));
        double defaultThreshold = manifest.trigger().threshold();
        List<Double> thresholds = new ArrayList<>(TriggerSweep.thresholds(manifest.output().scale(),
                manifest.output().zeroPoint(), manifest.trigger().smoothing()));
        if (!thresholds.contains(defaultThreshold)) thresholds.add(defaultThreshold);
        ModelSweeper sweeper = new ModelSweeper(name, model, manifest,
                new Replay(o.jar(), o.config(), o.outDir().resolve("replay-cache")), thresholds, pool);
        String description = manifest.name() + " " + manifest.version() + ", trigger " + manifest.trigger();
        Logger.info("evaluating model {} ({})", name, description);
        SystemSweep validation = sets.containsKey(SpeakerSplit.Part.VALIDATION)
                ? sweeper.run(sets.get(SpeakerSplit.Part.VALIDATION), defaultThreshold) : null;
        Optional<OperatingPoint> chosen = choose(name, validation);
        SystemSweep test = sets.containsKey(SpeakerSplit.Part.TEST)
                ? sweeper.run(sets.get(SpeakerSplit.Part.TEST), chosen.map(OperatingPoint::value).orElse(defaultThreshold))
                : null;
        return result(name, description, ModelSweeper.format(defaultThreshold), defaultThreshold, validation,
                chosen, test, labels);
    }

    private Results.SystemResult evaluatePocketSphinx(Map<SpeakerSplit.Part, StreamSet> sets,
                                                      List<StreamLabels> labels, ExecutorService pool) throws Exception {
        List<Double> thresholds = new ArrayList<>(o.pocketsphinxThresholds());
        if (!thresholds.contains(POCKETSPHINX_DEFAULT)) thresholds.add(POCKETSPHINX_DEFAULT);
        PocketSphinxSweeper sweeper = new PocketSphinxSweeper(new PocketSphinx(o.pocketsphinx(), o.outDir().resolve("pocketsphinx-cache")), thresholds, pool);
        Logger.info("evaluating PocketSphinx ({} thresholds)", thresholds.size());
        List<SystemSweep> sweeps = sweeper.run(List.copyOf(sets.values()));
        SystemSweep validation = null;
        SystemSweep test = null;
        for (SystemSweep s : sweeps) {
            if (s.part().equals("validation")) validation = s;
            else test = s;
        }
        Optional<OperatingPoint> chosen = choose(PocketSphinxSweeper.NAME, validation);
        return result(PocketSphinxSweeper.NAME, "pocketsphinx_continuous -keyphrase stop (Debian 0.8+5prealpha, en-us)",
                PocketSphinx.threshold(POCKETSPHINX_DEFAULT), POCKETSPHINX_DEFAULT, validation, chosen, test, labels);
    }

    /** The validation rule, or, when no setting that detects meets the limit, the quietest one that detects. */
    private Optional<OperatingPoint> choose(String name, SystemSweep validation) {
        if (validation == null) return Optional.empty();
        Optional<OperatingPoint> within = OperatingPoint.choose(validation.strictestFirst(), o.maxFaPerHour());
        if (within.isPresent()) return within;
        Logger.warn("{}: no setting that detects reaches {} FA/h on validation; taking the quietest", name,
                o.maxFaPerHour());
        return OperatingPoint.quietest(validation.strictestFirst());
    }

    private Results.SystemResult result(String name, String description, String defaultSetting,
                                        double defaultValue, SystemSweep validation,
                                        Optional<OperatingPoint> chosen, SystemSweep test,
                                        List<StreamLabels> labels) {
        Results.Figures valChosen = chosen.map(p -> Results.Figures.of(p, labels)).orElse(null);
        Results.Figures testChosen = test == null || chosen.isEmpty() ? null
                : Results.Figures.of(test.at(chosen.get().value()), labels);
        Results.Figures testDefault = test == null ? null : Results.Figures.of(test.at(defaultValue), labels);
        boolean withinLimit = chosen.map(p -> p.pooled().faPerHour() <= o.maxFaPerHour()).orElse(false);
        return new Results.SystemResult(name, description, defaultSetting, valChosen,
                chosen.map(OperatingPoint::setting).orElse(null), withinLimit, testChosen, testDefault,
                validation == null ? null : Results.PartResult.of(validation),
                test == null ? null : Results.PartResult.of(test));
    }
}
