package wakeword.audio;

/**
 * A bounded single-producer, single-consumer queue of samples between the capture thread and the reader.
 * When the reader falls behind, a write drops the oldest samples rather than blocking the capture.
 *
 * <p>Plain monitors rather than java.util.concurrent locks: a Condition allocates a node per wait, and the
 * reader waits on every 20 ms hop.
 */
final class SampleRing {

    private final short[] samples;
    private int head;
    private int size;
    private boolean closed;

    SampleRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.samples = new short[capacity];
    }

    /**
     * Appends samples, dropping the oldest ones that do not fit.
     *
     * @return how many samples were dropped
     */
    synchronized int write(short[] in, int offset, int length) {
        int dropped = 0;
        if (length > samples.length) {
            // Only the newest capacity samples can be kept.
            dropped = length - samples.length;
            offset += dropped;
            length = samples.length;
        }
        int overflow = size + length - samples.length;
        if (overflow > 0) {
            head = (head + overflow) % samples.length;
            size -= overflow;
            dropped += overflow;
        }
        int tail = (head + size) % samples.length;
        int first = Math.min(length, samples.length - tail);
        System.arraycopy(in, offset, samples, tail, first);
        System.arraycopy(in, offset + first, samples, 0, length - first);
        size += length;
        if (length > 0) {
            notifyAll();
        }
        return dropped;
    }

    /**
     * Waits up to {@code timeoutNanos} for samples to be queued, then takes up to {@code length} of them.
     *
     * @return the number taken, 0 when the time ran out, or -1 once closed and drained
     */
    synchronized int read(short[] out, int offset, int length, long timeoutNanos) throws InterruptedException {
        if (length == 0) {
            return 0;
        }
        long deadline = System.nanoTime() + Math.min(timeoutNanos, Long.MAX_VALUE / 4);
        while (size == 0) {
            if (closed) {
                return -1;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return 0;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        int n = Math.min(length, size);
        int first = Math.min(n, samples.length - head);
        System.arraycopy(samples, head, out, offset, first);
        System.arraycopy(samples, 0, out, offset + first, n - first);
        head = (head + n) % samples.length;
        size -= n;
        return n;
    }

    /** Wakes a blocked reader; after what is queued, reads return -1. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }
}
