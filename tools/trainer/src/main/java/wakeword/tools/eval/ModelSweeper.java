package wakeword.tools.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.tinylog.Logger;
import wakeword.model.ModelManifest;
import wakeword.trigger.TriggerSettings;

/**
 * A trained model on a stream set: one daemon replay per stream (raw scores to CSV, detections at one threshold),
 * then the trigger policy swept over the scores at every smoothing and threshold of the grid, and the daemon's
 * detections compared with the sweep's at the replayed threshold and the manifest's smoothing.
 */
public final class ModelSweeper {

    private final String name;
    private final Path model;
    private final ModelManifest manifest;
    private final Replay replay;
    private final Map<Integer, List<Double>> grid;
    private final ExecutorService pool;

    /** @param grid the thresholds to sweep at each smoothing */
    public ModelSweeper(String name, Path model, ModelManifest manifest, Replay replay, Map<Integer, List<Double>> grid,
                        ExecutorService pool) {
        this.name = name;
        this.model = model;
        this.manifest = manifest;
        this.replay = replay;
        this.grid = new TreeMap<>(grid);
        this.pool = pool;
    }

    /**
     * Every smoothing in {@code smoothings} with the thresholds that tell its reachable scores apart
     * ({@link TriggerSweep#thresholds}), plus {@code extra} (e.g. the manifest's threshold) at each.
     */
    public static Map<Integer, List<Double>> grid(ModelManifest manifest, List<Integer> smoothings, List<Double> extra) {
        Map<Integer, List<Double>> g = new TreeMap<>();
        for (int s : smoothings) {
            List<Double> t = new ArrayList<>(TriggerSweep.thresholds(manifest.output(), s));
            for (double e : extra) if (!t.contains(e)) t.add(e);
            g.put(s, t);
        }
        return g;
    }

    public TriggerSettings defaults() {
        ModelManifest.TriggerDefaults d = manifest.trigger();
        return new TriggerSettings(d.threshold(), d.smoothing(), d.refractoryMs(), d.warmupMs());
    }

    /** @param cliThreshold the threshold the daemon itself runs at, for the consistency check; also swept */
    public SystemSweep run(StreamSet set, double cliThreshold) throws Exception {
        List<Future<Replay.Result>> jobs = new ArrayList<>();
        for (StreamSet.Entry e : set.entries()) {
            jobs.add(pool.submit(() -> replay.run(e.wav(), model, cliThreshold)));
        }
        double hop = (double) manifest.features().hopLength() / manifest.features().sampleRate();
        TriggerSettings d = defaults();
        List<TriggerSettings> all = new ArrayList<>();
        Map<Integer, List<Double>> g = new TreeMap<>(grid);
        g.computeIfAbsent(d.smoothing(), s -> new ArrayList<>());
        for (Map.Entry<Integer, List<Double>> e : g.entrySet()) {
            List<Double> t = new ArrayList<>(e.getValue());
            if (e.getKey() == d.smoothing() && !t.contains(cliThreshold)) t.add(cliThreshold);
            t.stream().distinct().sorted(Comparator.reverseOrder()).forEach(v ->
                    all.add(new TriggerSettings(v, e.getKey(), d.refractoryMs(), d.warmupMs())));
        }
        List<List<StreamOutcome>> perThreshold = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) perThreshold.add(new ArrayList<>());
        List<String> mismatches = new ArrayList<>();
        double cpu = 0;
        double audio = 0;
        List<SystemSweep.StreamCpu> perStream = new ArrayList<>();
        int cliDetections = 0;
        for (int s = 0; s < jobs.size(); s++) {
            StreamLabels labels = set.entries().get(s).labels();
            Replay.Result r = jobs.get(s).get();
            cpu += r.cpuSeconds();
            audio += labels.durationSeconds();
            perStream.add(new SystemSweep.StreamCpu(labels.name(), labels.durationSeconds(), r.cpuSeconds()));
            cliDetections += r.detectionTimes().size();
            for (int i = 0; i < all.size(); i++) {
                TriggerSettings t = all.get(i);
                List<Double> detections = new TriggerSweep(t, hop).detections(r.trace(), t.threshold());
                perThreshold.get(i).add(Matcher.match(labels, detections));
                if (t.threshold() == cliThreshold && t.smoothing() == d.smoothing()
                        && !sameTimes(detections, r.detectionTimes())) {
                    mismatches.add(labels.name() + ": daemon " + r.detectionTimes() + " vs sweep " + detections);
                }
            }
            Logger.info("{} on {}: {} hops, {} daemon detections at {}, {} s CPU", name, labels.name(),
                    r.trace().length(), r.detectionTimes().size(), cliThreshold,
                    String.format(Locale.ROOT, "%.1f", r.cpuSeconds()));
        }
        List<OperatingPoint> points = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            TriggerSettings t = all.get(i);
            points.add(OperatingPoint.of(format(t.threshold()), t.threshold(), t.smoothing(), perThreshold.get(i)));
        }
        return new SystemSweep(name, set.part().name().toLowerCase(Locale.ROOT), points, cpu, audio, perStream,
                new SystemSweep.CliCheck(cliThreshold, jobs.size(), cliDetections, mismatches));
    }

    /** The daemon prints times to the millisecond; the sweep has the CSV's 10 µs. */
    static boolean sameTimes(List<Double> sweep, List<Double> daemon) {
        if (sweep.size() != daemon.size()) return false;
        for (int i = 0; i < sweep.size(); i++) {
            if (Math.abs(sweep.get(i) - daemon.get(i)) > 0.0015) return false;
        }
        return true;
    }

    static String format(double threshold) {
        return String.format(Locale.ROOT, "%.5f", threshold).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
