package wakeword.trigger;

/**
 * One heard keyword.
 *
 * @param timeSeconds audio time, from the start of the stream, of the end of the window that fired
 * @param score       the smoothed score that crossed the threshold
 */
public record Detection(double timeSeconds, float score) {
}
