package wakeword.tools.data;

/**
 * How training windows are varied.
 *
 * @param minSnrDb / maxSnrDb   background noise mixed in at a signal-to-noise ratio drawn from this range (dB,
 *                              speech RMS over the word against noise RMS)
 * @param minLevelDb / maxLevelDb peak level of the word in dBFS (quiet and loud talkers)
 * @param speedRange            playback speed drawn from 1 +- this (tempo and pitch together)
 * @param nearEndShare          share of positives whose word ends in the last {@code nearEndSeconds} of the
 *                              window: the offsets the stream shows just when the word has been fully heard
 * @param nearEndSeconds        see above
 * @param partialCut            a keyword counts as partial (negative) when at least this fraction of it lies
 *                              outside the window
 * @param cleanShare            share of word and speech windows that get no background noise (only the
 *                              recording's own, and digital silence where the recording does not reach): without
 *                              them a quiet room, never heard in training, hid half the keywords of the clean streams
 */
public record Augmentation(double minSnrDb, double maxSnrDb, double minLevelDb, double maxLevelDb, double speedRange,
                           double nearEndShare, double nearEndSeconds, double partialCut,
                           double cleanShare) {

    public static Augmentation training() {
        return new Augmentation(0, 20, -35, -3, 0.1, 0.5, 0.25, 0.4, 0.25);
    }

    /** Held-out windows: near the 10 dB target, no speed change. */
    public static Augmentation validation() {
        return new Augmentation(5, 15, -30, -6, 0, 0.5, 0.25, 0.4, 0);
    }
}
