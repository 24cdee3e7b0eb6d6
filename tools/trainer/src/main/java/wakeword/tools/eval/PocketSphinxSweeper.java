package wakeword.tools.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.tinylog.Logger;

/**
 * PocketSphinx on a stream set at several kws_threshold values (one decoder run per stream and value: the decoder's
 * search depends on the threshold, so detections at one value cannot be derived from another's). A detection's
 * time is the end of the spotted word, which is when the decoder could have acted on it.
 */
public final class PocketSphinxSweeper {

    public static final String NAME = "pocketsphinx";

    private final PocketSphinx decoder;
    private final List<Double> thresholds;
    private final ExecutorService pool;

    public PocketSphinxSweeper(PocketSphinx decoder, List<Double> thresholds, ExecutorService pool) {
        this.decoder = decoder;
        this.thresholds = thresholds.stream().sorted(Comparator.reverseOrder()).toList();
        this.pool = pool;
    }

    /**
     * 1e-5 (strict) to 1e-30 (eager): the system notes found 1e-10 to 1e-30 spanning few to many false alarms;
     * each value costs a full decode of every stream, so the sweep stays coarse.
     */
    public static List<Double> standardThresholds() {
        return List.of(1e-5, 1e-10, 1e-15, 1e-20, 1e-30);
    }

    /** Sweeps several stream sets at once, so the decoder runs of all of them share the pool. */
    public List<SystemSweep> run(List<StreamSet> sets) throws Exception {
        List<List<List<Future<PocketSphinx.Run>>>> jobs = new ArrayList<>();
        for (StreamSet set : sets) {
            List<List<Future<PocketSphinx.Run>>> perThreshold = new ArrayList<>();
            for (double t : thresholds) {
                List<Future<PocketSphinx.Run>> row = new ArrayList<>();
                for (StreamSet.Entry e : set.entries()) row.add(pool.submit(() -> decoder.run(e.wav(), t)));
                perThreshold.add(row);
            }
            jobs.add(perThreshold);
        }
        List<SystemSweep> out = new ArrayList<>();
        for (int k = 0; k < sets.size(); k++) out.add(collect(sets.get(k), jobs.get(k)));
        return out;
    }

    private SystemSweep collect(StreamSet set, List<List<Future<PocketSphinx.Run>>> jobs) throws Exception {
        List<OperatingPoint> points = new ArrayList<>();
        double cpu = 0;
        double audio = set.entries().stream().mapToDouble(e -> e.labels().durationSeconds()).sum();
        double[] streamCpu = new double[set.entries().size()];
        for (int i = 0; i < thresholds.size(); i++) {
            List<StreamOutcome> outcomes = new ArrayList<>();
            double cpuHere = 0;
            for (int s = 0; s < set.entries().size(); s++) {
                PocketSphinx.Run run = jobs.get(i).get(s).get();
                cpuHere += run.cpuSeconds();
                streamCpu[s] += run.cpuSeconds() / thresholds.size();
                List<Double> times = run.hits().stream().map(PocketSphinx.Hit::end).toList();
                outcomes.add(Matcher.match(set.entries().get(s).labels(), times));
            }
            cpu += cpuHere;
            points.add(OperatingPoint.of(PocketSphinx.threshold(thresholds.get(i)), thresholds.get(i), 0, outcomes));
            Logger.info("pocketsphinx {} on {}: {} s CPU for {} s of audio", PocketSphinx.threshold(thresholds.get(i)),
                    set.part(), String.format(Locale.ROOT, "%.1f", cpuHere), String.format(Locale.ROOT, "%.0f", audio));
        }
        // One run's CPU: the mean over thresholds (each threshold decodes the same audio once).
        List<SystemSweep.StreamCpu> perStream = new ArrayList<>();
        for (int s = 0; s < streamCpu.length; s++) {
            StreamLabels l = set.entries().get(s).labels();
            perStream.add(new SystemSweep.StreamCpu(l.name(), l.durationSeconds(), streamCpu[s]));
        }
        return new SystemSweep(NAME, set.part().name().toLowerCase(Locale.ROOT), points, cpu / thresholds.size(),
                audio, perStream, null);
    }
}
