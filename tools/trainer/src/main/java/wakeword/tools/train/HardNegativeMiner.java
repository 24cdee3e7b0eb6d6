package wakeword.tools.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import wakeword.features.FeaturePath;
import wakeword.features.StreamingFrontend;
import wakeword.tools.data.FeatureSpec;
import wakeword.tools.nn.TfNetwork;
import wakeword.tools.tflite.QuantRange;

/**
 * Finds the keyword-free training audio the model fires on: slides the model over every recording as the daemon
 * would (a window every {@code stride} hops) and returns the audio of the highest-scoring windows, each event once.
 * Training on them (with fresh level and noise each epoch) is what teaches the model the sounds a stream hears
 * that the random windows rarely show it.
 */
final class HardNegativeMiner {

    /** One window a model fired on: recording, first frame and score. */
    record Hit(int recording, int frame, float score) {}

    private final List<short[]> recordings;
    private final List<float[]> frames;
    private final FeatureSpec spec;
    private final int stride;

    /** {@code recordings}: 16 kHz keyword-free training audio; features are snapped to the model's int8 input grid. */
    HardNegativeMiner(List<short[]> recordings, FeatureSpec spec, QuantRange input, int stride) {
        this.recordings = List.copyOf(recordings);
        this.spec = spec;
        this.stride = stride;
        this.frames = recordings.parallelStream().map(r -> {
            float[][] f = StreamingFrontend.framesOf(spec.params(), FeaturePath.FLOAT, spec.resampler().apply(r));
            int c = spec.params().coefficients();
            float[] flat = new float[f.length * c];
            for (int i = 0; i < f.length; i++) {
                for (int j = 0; j < c; j++) flat[i * c + j] = input.dequantize(input.quantize(f[i][j]));
            }
            return flat;
        }).toList();
    }

    /** Windows (whole model inputs) the miner slides over. */
    long windows() {
        long n = 0;
        int c = spec.params().coefficients();
        for (float[] f : frames) n += Math.max(0, (f.length / c - spec.frames()) / stride + 1);
        return n;
    }

    /**
     * The audio of up to {@code max} windows scoring at least {@code minScore}, highest first; windows within one
     * second of a higher one in the same recording are the same event and are skipped.
     */
    List<short[]> mine(TfNetwork net, int max, double minScore) {
        int c = spec.params().coefficients();
        int size = spec.size();
        int chunk = 512;
        List<Hit> hits = new ArrayList<>();
        for (int rec = 0; rec < frames.size(); rec++) {
            float[] f = frames.get(rec);
            int count = f.length / c < spec.frames() ? 0 : (f.length / c - spec.frames()) / stride + 1;
            for (int from = 0; from < count; from += chunk) {
                int m = Math.min(chunk, count - from);
                float[] x = new float[m * size];
                for (int i = 0; i < m; i++) System.arraycopy(f, (from + i) * stride * c, x, i * size, size);
                float[] logits = net.logits(x, m);
                for (int i = 0; i < m; i++) {
                    float p = (float) (1 / (1 + Math.exp(-logits[i])));
                    if (p >= minScore) hits.add(new Hit(rec, (from + i) * stride, p));
                }
            }
        }
        hits.sort(Comparator.comparingDouble(Hit::score).reversed()
                .thenComparingInt(Hit::recording).thenComparingInt(Hit::frame));
        int eventFrames = spec.frames();
        List<Hit> kept = new ArrayList<>();
        java.util.Map<Integer, List<Integer>> keptFrames = new java.util.HashMap<>();
        for (Hit h : hits) {
            if (kept.size() >= max) break;
            List<Integer> same = keptFrames.computeIfAbsent(h.recording(), k -> new ArrayList<>());
            if (same.stream().noneMatch(f -> Math.abs(f - h.frame()) < eventFrames)) {
                same.add(h.frame());
                kept.add(h);
            }
        }
        List<short[]> audio = new ArrayList<>(kept.size());
        int hop = spec.params().hopLength() * FeatureSpec.SOURCE_RATE / spec.params().sampleRate();
        for (Hit h : kept) {
            short[] r = recordings.get(h.recording());
            int start = h.frame() * hop;
            audio.add(java.util.Arrays.copyOfRange(r, start, start + spec.windowSamples()));
        }
        return audio;
    }
}
