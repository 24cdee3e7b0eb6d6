import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak test's figures and verdict, from what tools/soak.sh left in its output folder (single-file
 * program: {@code java tools/soak/SoakReport.java OUT PIECE_S LOOPS SEAM_MARGIN_S WALL_S STATUS}).
 *
 * <p>Resources: after a warm-up (the first tenth of the samples: JIT, first collections), the mean of the
 * last quarter must be within 10% of the mean of the first quarter for RSS and the live heap (measured
 * after a full collection forced by the sampler), and threads and open files must not grow (the last
 * quarter's maximum at most the first's).
 *
 * <p>Detections: the daemon's must equal the piece's replayed alone, shifted by whole loops. Within
 * SEAM_MARGIN_S of a seam they are left out on both sides: there the 1 s model window spans two loops,
 * the smoothing and refractory state carry over from the previous loop, and replay's warm-up applies only
 * at the very start, so neither side is a reference for the other.
 */
public final class SoakReport {

    private static final Pattern DETECTED = Pattern.compile("detected \"stop\" at ([0-9.]+) s, score ([0-9.]+)");
    private static final Pattern REPLAYED = Pattern.compile("\"time\": ([0-9.]+), \"score\": ([0-9.]+)");
    /** Daemon times carry 2 decimals, replay's 3: half a unit of the coarser plus the finer. */
    private static final double TIME_TOLERANCE = 0.0051 + 0.0005;
    /** The log and replay both print a detection's peak rounded up to 4 decimals: the texts must agree. */
    private static final double SCORE_TOLERANCE = 1e-9;
    private static final int MIN_SAMPLES = 8;

    record Sample(double wall, double rssKb, double heapKb, double youngKb, double oldKb, int threads, int fds,
                  int detections) {
    }

    record Detection(double time, double score) {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        double piece = Double.parseDouble(args[1]);
        int loops = Integer.parseInt(args[2]);
        double margin = Double.parseDouble(args[3]);
        double wall = Double.parseDouble(args[4]);
        int status = Integer.parseInt(args[5]);

        List<Sample> samples = readSamples(out.resolve("samples.csv"));
        List<Detection> daemon = detections(out.resolve("daemon.log"), DETECTED);
        List<Detection> replay = detections(out.resolve("replay.jsonl"), REPLAYED);
        // TFLite's native library announces XNNPACK on stderr by itself; anything else there is a failure.
        List<String> errors = Files.readAllLines(out.resolve("daemon.err")).stream()
                .filter(l -> !l.equals("INFO: Created TensorFlow Lite XNNPACK delegate for CPU.")).toList();
        boolean stoppedCleanly = Files.readAllLines(out.resolve("daemon.log")).stream()
                .anyMatch(l -> l.contains("stopped after") && l.contains("pin back to idle"));
        List<String> failures = new ArrayList<>();

        double audio = piece * loops;
        System.out.printf(Locale.ROOT, "audio: %d loops x %.0f s = %.2f h, processed in %.1f s wall = %.0fx real time%n",
                loops, piece, audio / 3600, wall, audio / wall);
        System.out.printf(Locale.ROOT, "daemon: exit status %d, %s, %d line(s) on stderr%n", status,
                stoppedCleanly ? "logged its stop with the pin back to idle" : "NO stop line", errors.size());
        if (status != 0) failures.add("exit status " + status);
        if (!stoppedCleanly) failures.add("no 'stopped after ...; pin back to idle' line");
        if (!errors.isEmpty()) failures.add("stderr not empty: " + errors.get(0));

        table(samples);
        gc(out.resolve("gc.log"), samples.isEmpty() ? 0 : samples.get(0).wall());
        resources(samples, failures);
        detections(daemon, replay, piece, loops, margin, failures);

        System.out.println(failures.isEmpty() ? "verdict: PASS" : "verdict: FAIL (" + String.join("; ", failures) + ")");
    }

    private static void table(List<Sample> samples) {
        System.out.println();
        System.out.println("  wall s    RSS MiB  live heap MiB  threads  fds  detections");
        int step = Math.max(1, samples.size() / 24);
        for (int i = 0; i < samples.size(); i++) {
            if (i % step != 0 && i != samples.size() - 1) continue;
            Sample s = samples.get(i);
            System.out.printf(Locale.ROOT, "%8.1f  %9.1f  %13.2f  %7d  %3d  %10d%n", s.wall(), s.rssKb() / 1024,
                    s.heapKb() / 1024, s.threads(), s.fds(), s.detections());
        }
        System.out.println();
    }

    private static void resources(List<Sample> all, List<String> failures) {
        if (all.size() < MIN_SAMPLES) {
            failures.add("only " + all.size() + " samples: run longer or sample more often (--interval)");
            return;
        }
        List<Sample> s = all.subList(all.size() / 10, all.size());
        int q = Math.max(1, s.size() / 4);
        List<Sample> first = s.subList(0, q);
        List<Sample> last = s.subList(s.size() - q, s.size());
        System.out.printf(Locale.ROOT, "resources: %d samples, first %d dropped as warm-up, quarters of %d%n",
                all.size(), all.size() / 10, q);
        flat("RSS", first, last, Sample::rssKb, failures);
        flat("live heap", first, last, Sample::heapKb, failures);
        bounded("threads", first, last, Sample::threads, failures);
        bounded("open fds", first, last, Sample::fds, failures);
    }

    private static void flat(String what, List<Sample> first, List<Sample> last, ToDoubleFunction<Sample> f,
                             List<String> failures) {
        double a = first.stream().mapToDouble(f).average().orElseThrow();
        double b = last.stream().mapToDouble(f).average().orElseThrow();
        double change = a > 0 ? (b - a) / a : 0;
        boolean ok = Math.abs(change) <= 0.10;
        System.out.printf(Locale.ROOT, "  %-20s first quarter %8.1f MiB, last quarter %8.1f MiB: %+.1f%% %s%n", what,
                a / 1024, b / 1024, 100 * change, ok ? "(flat)" : "(CHANGED > 10%)");
        if (!ok) failures.add(what + " changed by " + String.format(Locale.ROOT, "%+.1f%%", 100 * change));
    }

    private static void bounded(String what, List<Sample> first, List<Sample> last, ToDoubleFunction<Sample> f,
                                List<String> failures) {
        double firstMax = first.stream().mapToDouble(f).max().orElseThrow();
        double lastMax = last.stream().mapToDouble(f).max().orElseThrow();
        double min = first.stream().mapToDouble(f).min().orElseThrow();
        boolean ok = lastMax <= firstMax;
        System.out.printf(Locale.ROOT, "  %-20s first quarter %.0f..%.0f, last quarter max %.0f %s%n", what, min,
                firstMax, lastMax, ok ? "(no growth)" : "(GREW)");
        if (!ok) failures.add(what + " grew from " + (int) firstMax + " to " + (int) lastMax);
    }

    private static void detections(List<Detection> daemon, List<Detection> replay, double piece, int loops,
                                   double margin, List<String> failures) {
        List<Detection> expected = new ArrayList<>();
        int replayNearSeam = 0;
        for (int k = 0; k < loops; k++) {
            for (Detection d : replay) {
                if (nearSeam(d.time(), piece, margin)) {
                    if (k == 0) replayNearSeam++;
                    continue;
                }
                expected.add(new Detection(d.time() + k * piece, d.score()));
            }
        }
        List<Detection> actual = new ArrayList<>();
        int daemonNearSeam = 0;
        for (Detection d : daemon) {
            if (nearSeam(d.time() % piece, piece, margin)) daemonNearSeam++;
            else actual.add(d);
        }
        int matched = 0;
        int scoreMismatches = 0;
        List<Detection> extra = new ArrayList<>();
        int j = 0;
        boolean[] used = new boolean[expected.size()];
        for (Detection d : actual) {
            while (j < expected.size() && expected.get(j).time() < d.time() - TIME_TOLERANCE) j++;
            if (j < expected.size() && !used[j] && Math.abs(expected.get(j).time() - d.time()) <= TIME_TOLERANCE) {
                used[j] = true;
                matched++;
                if (Math.abs(expected.get(j).score() - d.score()) > SCORE_TOLERANCE) scoreMismatches++;
            } else {
                extra.add(d);
            }
        }
        int missing = expected.size() - matched;
        System.out.printf(Locale.ROOT, "detections: replay of the piece alone %d (%d within %.1f s of its ends left out); "
                + "daemon %d (%d within %.1f s of a seam left out)%n", replay.size(), replayNearSeam, margin,
                daemon.size(), daemonNearSeam, margin);
        System.out.printf(Locale.ROOT, "  compared: expected %d = %d per loop x %d loops; matched %d, missing %d, extra %d,"
                + " score differences %d%n", expected.size(), replay.size() - replayNearSeam, loops, matched, missing,
                extra.size(), scoreMismatches);
        if (missing > 0 || !extra.isEmpty() || scoreMismatches > 0) {
            failures.add("detections differ from the replay (missing " + missing + ", extra " + extra.size()
                    + ", score differences " + scoreMismatches + ")");
            extra.stream().limit(5).forEach(d -> System.out.printf(Locale.ROOT, "    extra at %.2f s (%.2f s into loop %d)%n",
                    d.time(), d.time() % piece, (int) (d.time() / piece)));
        }
    }

    /**
     * Collections from -Xlog:gc (uptime stamps, close to the samples' wall clock): the young ones show how
     * much the loop allocates; the full ones (System.gc()) are the sampler's.
     */
    private static void gc(Path log, double firstSample) throws IOException {
        Pattern pause = Pattern.compile("^\\[([0-9.]+)s\\] GC\\(\\d+\\) Pause (Young|Full).* (\\d+)M->(\\d+)M\\((\\d+)M\\)");
        int young = 0;
        int full = 0;
        int lateYoung = 0;
        String lastAfter = "-";
        for (String line : Files.readAllLines(log)) {
            Matcher m = pause.matcher(line);
            if (!m.find()) continue;
            if (m.group(2).equals("Young")) young++;
            else full++;
            if (m.group(2).equals("Young") && Double.parseDouble(m.group(1)) >= firstSample) lateYoung++;
            lastAfter = m.group(4) + " MiB of " + m.group(5) + " MiB";
        }
        System.out.printf(Locale.ROOT, "gc: %d young collections (%d after the first sample), %d full ones (forced by the"
                + " sampler); heap after the last one %s%n", young, lateYoung, full, lastAfter);
    }

    private static boolean nearSeam(double t, double piece, double margin) {
        return t < margin || t > piece - margin;
    }

    private static List<Sample> readSamples(Path csv) throws IOException {
        List<Sample> rows = new ArrayList<>();
        for (String line : Files.readAllLines(csv)) {
            if (line.isBlank() || line.startsWith("wall_s")) continue;
            String[] f = line.split(",");
            rows.add(new Sample(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), Double.parseDouble(f[4]), Integer.parseInt(f[5]),
                    Integer.parseInt(f[6]), Integer.parseInt(f[7])));
        }
        return rows;
    }

    private static List<Detection> detections(Path file, Pattern pattern) throws IOException {
        List<Detection> list = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            Matcher m = pattern.matcher(line);
            if (m.find()) list.add(new Detection(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))));
        }
        return list;
    }
}
