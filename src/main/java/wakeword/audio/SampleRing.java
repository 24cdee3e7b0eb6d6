package wakeword.audio;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded single-producer, single-consumer queue of samples between the capture thread and the reader.
 * When the reader falls behind, a write drops the oldest samples rather than blocking the capture.
 */
final class SampleRing {

    private final short[] samples;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private int head;
    private int size;
    private boolean closed;

    SampleRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.samples = new short[capacity];
    }

    int capacity() {
        return samples.length;
    }

    /**
     * Appends samples, dropping the oldest ones that do not fit.
     *
     * @return how many samples were dropped
     */
    int write(short[] in, int offset, int length) {
        lock.lock();
        try {
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
                notEmpty.signal();
            }
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Blocks until samples are queued, then takes up to {@code length} of them.
     *
     * @return the number taken, or -1 once closed and drained
     */
    int read(short[] out, int offset, int length) throws InterruptedException {
        int n;
        do {
            n = read(out, offset, length, Long.MAX_VALUE);
        } while (n == 0 && length > 0);
        return n;
    }

    /**
     * Like {@link #read(short[], int, int)}, but gives up after {@code timeoutNanos}.
     *
     * @return the number taken, 0 when the time ran out, or -1 once closed and drained
     */
    int read(short[] out, int offset, int length, long timeoutNanos) throws InterruptedException {
        if (length == 0) {
            return 0;
        }
        lock.lockInterruptibly();
        try {
            long left = timeoutNanos;
            while (size == 0) {
                if (closed) {
                    return -1;
                }
                if (left <= 0) {
                    return 0;
                }
                left = notEmpty.awaitNanos(left);
            }
            int n = Math.min(length, size);
            int first = Math.min(n, samples.length - head);
            System.arraycopy(samples, head, out, offset, first);
            System.arraycopy(samples, 0, out, offset + first, n - first);
            head = (head + n) % samples.length;
            size -= n;
            return n;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes a blocked reader; after what is queued, reads return -1. */
    void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
