package wakeword.trigger;

import java.util.Locale;

/**
 * One heard keyword.
 *
 * @param timeSeconds audio time, from the start of the stream, of the end of the window that fired
 * @param score       the highest smoothed score of its event (see {@link TriggerPolicy})
 */
public record Detection(double timeSeconds, float score) {

    /**
     * The score with {@code decimals} digits, rounded up: any threshold above the printed value is above the
     * real one, so it would not have fired.
     */
    public String scoreText(int decimals) {
        double scale = Math.pow(10, decimals);
        return String.format(Locale.ROOT, "%." + decimals + "f", Math.ceil(score * scale) / scale);
    }
}
