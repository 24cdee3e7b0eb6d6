package wakeword.tools.eval;

/**
 * How streams are made. Everything random comes from {@code seed}, so the same settings give the same audio.
 *
 * @param snrDb            active speech level over noise RMS, for every noisy stream
 * @param minGapSeconds    shortest time from one keyword's active end to the next one's active start
 * @param maxGapSeconds    longest such time
 * @param minLevelDbfs     quietest active speech level a stream (or a pass of the negative stream) gets, dB full scale
 * @param maxLevelDbfs     loudest such level
 * @param noisyCopies      noisy keyword streams, each with every keyword clip once, in its own order, level and noise
 * @param negativeSeconds  length the keyword-free stream reaches at least
 * @param maxKeywords      at most this many keyword clips per stream (0 = all; the quick mode uses a few)
 */
public record StreamSettings(long seed, double snrDb, double minGapSeconds, double maxGapSeconds,
                            double minLevelDbfs, double maxLevelDbfs, int noisyCopies, double negativeSeconds,
                            int maxKeywords) {

    public StreamSettings {
        if (!(minGapSeconds >= 0.5 && maxGapSeconds >= minGapSeconds)) {
            throw new IllegalArgumentException("gaps must be at least 0.5 s and max >= min");
        }
        if (noisyCopies < 1 || negativeSeconds <= 0 || maxKeywords < 0 || minLevelDbfs > maxLevelDbfs) {
            throw new IllegalArgumentException("stream settings out of range: " + noisyCopies + " copies, "
                    + negativeSeconds + " s negative, " + maxKeywords + " keywords");
        }
    }

    public static StreamSettings standard(long seed, double negativeHours) {
        return new StreamSettings(seed, 10, 0.5, 3.0, -35, -23, 3, negativeHours * 3600, 0);
    }

    /** Streams of about a minute each, for CI. */
    public static StreamSettings quick(long seed) {
        return new StreamSettings(seed, 10, 0.5, 3.0, -35, -23, 1, 60, 16);
    }
}
