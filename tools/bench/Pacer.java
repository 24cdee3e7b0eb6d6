import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes raw audio to stdout at real-time pace, the way arecord feeds the daemon: one chunk every
 * CHUNK_MS, each deadline counted from the start so the pace does not drift, the file looped until SECONDS
 * of audio have gone out. Run as a single-file program (no build): java tools/bench/Pacer.java RAW RATE
 * CHUNK_MS SECONDS, where RAW is 16-bit mono PCM at RATE Hz.
 */
public final class Pacer {
    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: java tools/bench/Pacer.java RAW RATE CHUNK_MS SECONDS");
            System.exit(2);
        }
        byte[] pcm;
        try (RandomAccessFile f = new RandomAccessFile(args[0], "r")) {
            pcm = new byte[(int) f.length() & ~1];
            f.readFully(pcm);
        }
        int rate = Integer.parseInt(args[1]);
        int chunkMs = Integer.parseInt(args[2]);
        long total = 2L * rate * Long.parseLong(args[3]);
        int chunk = 2 * rate * chunkMs / 1000;
        if (pcm.length == 0 || chunk <= 0) {
            System.err.println("pacer: empty audio or chunk");
            System.exit(2);
        }
        OutputStream out = System.out;
        long start = System.nanoTime();
        long sent = 0;
        int at = 0;
        try {
            while (sent < total) {
                int n = (int) Math.min(Math.min(chunk, total - sent), pcm.length - at);
                out.write(pcm, at, n);
                out.flush();
                sent += n;
                at = at + n == pcm.length ? 0 : at + n;
                long due = start + sent * 500_000_000L / rate;
                for (long wait; (wait = due - System.nanoTime()) > 0; ) LockSupport.parkNanos(wait);
            }
        } catch (IOException e) {
            // The reader went away: nothing more to pace.
        }
        out.close();
    }
}
