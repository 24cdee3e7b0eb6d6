package wakeword.features;

/**
 * The streaming MFCC frontend: takes audio in chunks of any size and emits one feature frame per hop,
 * computing only the newest frame each time. Frame i covers samples [i*hop, i*hop + frameLength) of the
 * stream, exactly as {@link #framesOf} computes them on a whole buffer.
 */
public final class StreamingFrontend {

    private final FeatureParams params;
    private final FrameAnalyzer analyzer;
    /** The last frameLength samples, written twice (at i and i+frameLength) so any frame is contiguous. */
    private final short[] ring;
    private final float[] frame;
    private int writePos;
    private long samplesSeen;
    private int untilNextFrame;

    public StreamingFrontend(FeatureParams params, FeaturePath path) {
        this.params = params;
        this.analyzer = path.newAnalyzer(params);
        this.ring = new short[2 * params.frameLength()];
        this.frame = new float[params.coefficients()];
        reset();
    }

    public FeatureParams params() {
        return params;
    }

    /** Forgets all audio, as if the stream started again. */
    public void reset() {
        writePos = 0;
        samplesSeen = 0;
        untilNextFrame = params.frameLength();
    }

    /** Consumes {@code length} samples; calls {@code sink} once for each frame they complete. */
    public void accept(short[] samples, int offset, int length, FrameSink sink) {
        int frameLength = params.frameLength();
        for (int i = 0; i < length; i++) {
            short s = samples[offset + i];
            ring[writePos] = s;
            ring[writePos + frameLength] = s;
            writePos = writePos + 1 == frameLength ? 0 : writePos + 1;
            samplesSeen++;
            if (--untilNextFrame == 0) {
                // writePos is now the oldest sample of the frame in the doubled ring.
                analyzer.analyze(ring, writePos, frame);
                sink.onFrame(frame);
                untilNextFrame = params.hopLength();
            }
        }
    }

    public long samplesSeen() {
        return samplesSeen;
    }

    /** Every complete frame of a whole buffer, each computed directly from the buffer. */
    public static float[][] framesOf(FeatureParams params, FeaturePath path, short[] samples) {
        int count = samples.length < params.frameLength()
                ? 0 : 1 + (samples.length - params.frameLength()) / params.hopLength();
        FrameAnalyzer analyzer = path.newAnalyzer(params);
        float[][] frames = new float[count][params.coefficients()];
        for (int i = 0; i < count; i++) {
            analyzer.analyze(samples, i * params.hopLength(), frames[i]);
        }
        return frames;
    }
}
