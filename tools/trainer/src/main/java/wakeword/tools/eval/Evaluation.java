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
import wakeword.tools.data.SyntheticVoices;

/**
 * The whole measurement: streams for the requested parts, every model (at every threshold and smoothing) and
 * PocketSphinx swept on them, settings chosen on validation and figures taken on test.
 */
public final class Evaluation {

    /** PocketSphinx's setting from the system notes, used as its "shipped" default. */
    public static final double POCKETSPHINX_DEFAULT = 1e-20;

    /**
     * @param models        model names; each is {@code modelsDir/<name>.tflite} with its manifest beside it
     * @param pocketsphinx  the decoder executable, or null to leave the peer out
     * @param pocketsphinxThresholds kws_threshold values to sweep (the default is always added)
     * @param jobs          processes run at once (replays, decoder runs)
     * @param smoothings    the trigger smoothings swept for every model
     * @param voices        the rendered synthetic voices, or null to build the streams without them
     * @param rule          how the default setting is chosen on validation
     */
    public record Options(Path data, String splitSalt, List<String> models, Path modelsDir, Set<SpeakerSplit.Part> parts,
                          StreamSettings streams, Path streamsDir, Path outDir, Path jar, Path config,
                          String pocketsphinx, List<Double> pocketsphinxThresholds, int jobs, List<Integer> smoothings,
                          SyntheticVoices voices, ChoiceRule rule, String command, String commit) {
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
            sets.put(part, StreamSet.build(o.data(), split, part, o.streams(), dir, o.voices()));
        }
        // Per part: where each stream's recordings lie, to file the false alarms under them.
        Map<SpeakerSplit.Part, SourceAttribution> sources = new EnumMap<>(SpeakerSplit.Part.class);
        sets.forEach((part, set) -> sources.put(part,
                new SourceAttribution(set.entries().stream().map(StreamSet.Entry::labels).toList())));
        List<StreamLabels> labels = sets.values().stream()
                .flatMap(s -> s.entries().stream().map(StreamSet.Entry::labels)).toList();
        List<Results.SystemResult> systems = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(o.jobs());
        try {
            for (String name : o.models()) {
                systems.add(evaluateModel(name, sets, labels, sources, pool));
            }
            if (o.pocketsphinx() != null) {
                systems.add(evaluatePocketSphinx(sets, labels, sources, pool));
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> voices = new ArrayList<>();
        if (o.voices() != null) {
            for (SpeakerSplit.Part part : o.parts()) {
                voices.add(part.name().toLowerCase(java.util.Locale.ROOT) + ": " + String.join(", ",
                        o.voices().positives(part).stream().map(SyntheticVoices.Rendering::voice).distinct().toList()));
            }
        }
        return new Results(o.commit(), o.command(), o.streams(), o.splitSalt(), o.rule(), voices,
                labels.stream().map(Results.StreamInfo::of).toList(), systems);
    }

    private Results.SystemResult evaluateModel(String name, Map<SpeakerSplit.Part, StreamSet> sets,
                                               List<StreamLabels> labels,
                                               Map<SpeakerSplit.Part, SourceAttribution> sources,
                                               ExecutorService pool) throws Exception {
        Path model = o.modelsDir().resolve(name + ".tflite");
        ModelManifest manifest = ModelManifest.read(ModelManifest.pathFor(model));
        double defaultThreshold = manifest.trigger().threshold();
        int defaultSmoothing = manifest.trigger().smoothing();
        List<Integer> smoothings = new ArrayList<>(o.smoothings());
        if (!smoothings.contains(defaultSmoothing)) smoothings.add(defaultSmoothing);
        ModelSweeper sweeper = new ModelSweeper(name, model, manifest,
                new Replay(o.jar(), o.config(), o.outDir().resolve("replay-cache")),
                ModelSweeper.grid(manifest, smoothings, List.of(defaultThreshold)), pool);
        String description = manifest.name() + " " + manifest.version() + ", trigger " + manifest.trigger();
        Logger.info("evaluating model {} ({})", name, description);
        SystemSweep validation = sets.containsKey(SpeakerSplit.Part.VALIDATION)
                ? sweeper.run(sets.get(SpeakerSplit.Part.VALIDATION), defaultThreshold) : null;
        Optional<OperatingPoint> chosen = choose(name, validation);
        // The daemon replays test at the chosen threshold when the manifest's smoothing was chosen, so the CLI
        // check covers the figures reported.
        double cliThreshold = chosen.filter(p -> p.smoothing() == defaultSmoothing).map(OperatingPoint::value)
                .orElse(defaultThreshold);
        SystemSweep test = sets.containsKey(SpeakerSplit.Part.TEST)
                ? sweeper.run(sets.get(SpeakerSplit.Part.TEST), cliThreshold) : null;
        return result(name, description, setting(ModelSweeper.format(defaultThreshold), defaultSmoothing),
                defaultThreshold, defaultSmoothing, validation, chosen, test, labels, sources);
    }

    private Results.SystemResult evaluatePocketSphinx(Map<SpeakerSplit.Part, StreamSet> sets,
                                                      List<StreamLabels> labels,
                                                      Map<SpeakerSplit.Part, SourceAttribution> sources,
                                                      ExecutorService pool) throws Exception {
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
                PocketSphinx.threshold(POCKETSPHINX_DEFAULT), POCKETSPHINX_DEFAULT, 0, validation, chosen, test, labels, sources);
    }

    /** The validation rule, or, when no setting that detects meets the miss limit, the one that misses least. */
    private Optional<OperatingPoint> choose(String name, SystemSweep validation) {
        if (validation == null) return Optional.empty();
        Optional<OperatingPoint> within = o.rule().choose(validation.strictestFirst());
        if (within.isPresent()) return within;
        Logger.warn("{}: no setting that detects can {} on validation; taking the one that misses least",
                name, o.rule().limit());
        return OperatingPoint.closest(validation.strictestFirst());
    }

    /** How a setting is written in the report: the threshold, and the smoothing where the system has one. */
    static String setting(String threshold, int smoothing) {
        return smoothing > 0 ? threshold + " / " + smoothing : threshold;
    }

    private Results.SystemResult result(String name, String description, String defaultSetting,
                                        double defaultValue, int defaultSmoothing, SystemSweep validation,
                                        Optional<OperatingPoint> chosen, SystemSweep test,
                                        List<StreamLabels> labels, Map<SpeakerSplit.Part, SourceAttribution> sources) {
        SourceAttribution valSources = sources.get(SpeakerSplit.Part.VALIDATION);
        SourceAttribution testSources = sources.get(SpeakerSplit.Part.TEST);
        Results.Figures valChosen = chosen.map(p -> Results.Figures.of(p, labels, valSources)).orElse(null);
        Results.Figures testChosen = test == null || chosen.isEmpty() ? null
                : Results.Figures.of(test.at(chosen.get().value(), chosen.get().smoothing()), labels, testSources);
        Results.Figures testDefault = test == null ? null
                : Results.Figures.of(test.at(defaultValue, defaultSmoothing), labels, testSources);
        boolean withinLimit = chosen.map(p -> o.rule().met(p)).orElse(false);
        return new Results.SystemResult(name, description, defaultSetting, valChosen,
                chosen.map(p -> setting(p.setting(), p.smoothing())).orElse(null), withinLimit, testChosen, testDefault,
                validation == null ? null : Results.PartResult.of(validation, valSources),
                test == null ? null : Results.PartResult.of(test, testSources));
    }
}
