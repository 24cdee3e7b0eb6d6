package wakeword.tools.eval;

import java.util.List;

/**
 * One system's operating points on one part's streams.
 *
 * @param strictestFirst points by smoothing (smallest first), then from the threshold that detects least to the one
 *                       that detects most
 * @param cpuSeconds     CPU time (user + system) of one run over every stream, summed over the streams
 * @param audioSeconds   audio in the streams, to turn CPU time into a real-time factor
 * @param perStream      the CPU time of each stream
 * @param check          for a model: whether the daemon's own detections equal the sweep's at the replayed threshold
 */
public record SystemSweep(String system, String part, List<OperatingPoint> strictestFirst, double cpuSeconds,
                          double audioSeconds, List<StreamCpu> perStream, CliCheck check) {

    /** CPU time (user + system) of one run over one stream; for PocketSphinx the mean over its thresholds. */
    public record StreamCpu(String stream, double audioSeconds, double cpuSeconds) {
    }

    /** @param mismatches streams whose CLI detections differ from the sweep's, with both lists */
    public record CliCheck(double threshold, int streams, int detections, List<String> mismatches) {
        public boolean agrees() {
            return mismatches.isEmpty();
        }
    }

    public OperatingPoint at(double value, int smoothing) {
        return strictestFirst.stream().filter(p -> p.value() == value && p.smoothing() == smoothing).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(system + " has no operating point " + value
                        + " at smoothing " + smoothing));
    }

    /** The points of one smoothing, strictest first: one DET curve. */
    public List<OperatingPoint> atSmoothing(int smoothing) {
        return strictestFirst.stream().filter(p -> p.smoothing() == smoothing).toList();
    }
}
