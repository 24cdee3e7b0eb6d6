package wakeword.daemon;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import wakeword.testing.SharedData;

/**
 * Raw 16 kHz mono S16_LE audio written to a child's stdin in 20 ms chunks at real-time pace, looped, the
 * way {@code arecord -f S16_LE -r 16000 -c 1 | wakeword run --input -} feeds the daemon.
 */
final class SpeechFeed implements AutoCloseable {

    private static final int CHUNK_BYTES = 2 * SharedData.RATE / 50;

    private final OutputStream out;
    private final byte[] pcm;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long bytesWritten;

    private SpeechFeed(OutputStream out, byte[] pcm) {
        this.out = out;
        this.pcm = pcm;
        this.thread = new Thread(this::feed, "speech-feed");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts feeding {@code pcm} (little-endian samples) to {@code out}, over and over. */
    static SpeechFeed start(OutputStream out, byte[] pcm) {
        return new SpeechFeed(out, pcm);
    }

    /**
     * About 20 s of real speech from the shared data: "stop" clips of a few speakers with other words and
     * silence between them, over kitchen noise. Skips the test where the shared data is absent.
     */
    static byte[] realSpeech() throws IOException {
        Path data = SharedData.require();
        List<Path> stops = SharedData.clips("stop", List.of()).subList(0, 6);
        List<Path> others = SharedData.clips("go", List.of()).subList(0, 6);
        short[] noise = SharedData.read(data.resolve("speech_commands/_background_noise_/doing_the_dishes.flac"));
        short[] samples = SharedData.stream(stops, others, noise, 200, 11).samples();
        ByteBuffer b = ByteBuffer.allocate(2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : samples) b.putShort(s);
        return b.array();
    }

    long bytesWritten() {
        return bytesWritten;
    }

    private void feed() {
        long next = System.nanoTime();
        int at = 0;
        try {
            while (running) {
                int n = Math.min(CHUNK_BYTES, pcm.length - at);
                out.write(pcm, at, n);
                out.flush();
                bytesWritten += n;
                at = (at + n) % pcm.length;
                next += 20_000_000L * n / CHUNK_BYTES;
                LockSupport.parkNanos(next - System.nanoTime());
            }
        } catch (IOException e) {
            // The daemon exited and the pipe closed: nothing more to feed.
        }
    }

    /** Stops feeding and closes the pipe (the daemon then sees the end of its input). */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
        try {
            out.close();
        } catch (IOException e) {
            // Already closed by a daemon that exited.
        }
    }
}
