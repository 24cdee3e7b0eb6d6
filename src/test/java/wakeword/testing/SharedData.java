package wakeword.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * The shared recordings (../shared/data), for tests that need real speech. Tests call {@link #require()}
 * first, so they skip cleanly where the folder is absent.
 */
public final class SharedData {

    public static final int RATE = 16000;

    private SharedData() {
    }

    public static Path dir() {
        return Path.of(System.getProperty("wakeword.data", "../shared/data"));
    }

    public static Path require() {
        Path dir = dir();
        assumeTrue(Files.isDirectory(dir.resolve("speech_commands")), "shared data absent at " + dir);
        return dir;
    }

    /** Clips of one word, sorted by name, from the speakers given (all speakers when the list is empty). */
    public static List<Path> clips(String word, List<String> speakers) throws IOException {
        try (Stream<Path> s = Files.list(require().resolve("speech_commands").resolve(word))) {
            return s.filter(p -> p.toString().endsWith(".flac"))
                    .filter(p -> speakers.isEmpty() || speakers.contains(speakerOf(p)))
                    .sorted().toList();
        }
    }

    public static String speakerOf(Path clip) {
        String name = clip.getFileName().toString();
        int cut = name.indexOf("_nohash_");
        return cut > 0 ? name.substring(0, cut) : name;
    }

    /** A FLAC (or WAV) file as 16 kHz mono 16-bit samples, decoded through Java Sound (jflac's SPI). */
    public static short[] read(Path file) throws IOException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile());
             AudioInputStream pcm = AudioSystem.getAudioInputStream(
                     new AudioFormat(RATE, 16, 1, true, false), in)) {
            byte[] bytes = readAll(pcm);
            short[] out = new short[bytes.length / 2];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
            return out;
        } catch (UnsupportedAudioFileException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    /**
     * A stream the way a user meets the word: keyword clips with 0.5..3 s gaps between them, the gaps holding
     * other words or silence, all over a bed of background noise.
     *
     * @param keywordClips  "stop" clips to place, in order
     * @param otherClips    clips of other words for the gaps
     * @param noise         background noise, looped; scaled to {@code noiseRms}
     */
    public static LabelledStream stream(List<Path> keywordClips, List<Path> otherClips, short[] noise,
                                        double noiseRms, long seed) throws IOException {
        Random random = new Random(seed);
        List<short[]> parts = new ArrayList<>();
        List<double[]> keywords = new ArrayList<>();
        int length = RATE; // one second of noise only before the first word
        parts.add(new short[RATE]);
        for (Path clip : keywordClips) {
            int gap = (int) (RATE * (0.5 + 2.5 * random.nextDouble()));
            short[] gapAudio = new short[gap];
            if (!otherClips.isEmpty() && random.nextBoolean()) {
                short[] word = read(otherClips.get(random.nextInt(otherClips.size())));
                System.arraycopy(word, 0, gapAudio, 0, Math.min(word.length, gap));
            }
            parts.add(gapAudio);
            length += gap;
            short[] keyword = read(clip);
            keywords.add(new double[] {(double) length / RATE, (double) (length + keyword.length) / RATE});
            parts.add(keyword);
            length += keyword.length;
        }
        parts.add(new short[RATE]);
        length += RATE;
        short[] out = new short[length];
        int at = 0;
        for (short[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        double rms = Math.sqrt(java.util.Arrays.stream(toDoubles(noise)).map(v -> v * v).average().orElse(0));
        double gain = rms > 0 ? noiseRms / rms : 0;
        for (int i = 0; i < out.length; i++) {
            double v = out[i] + gain * noise[i % noise.length];
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
        }
        return new LabelledStream(out, keywords);
    }

    private static double[] toDoubles(short[] s) {
        double[] d = new double[s.length];
        for (int i = 0; i < s.length; i++) d[i] = s[i];
        return d;
    }

    /** Samples at {@link #RATE} and, per keyword, its {start, end} in seconds. */
    public record LabelledStream(short[] samples, List<double[]> keywords) {
        public double seconds() {
            return (double) samples.length / RATE;
        }
    }

    public static void writeWav(Path file, short[] samples) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 2 * samples.length).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(RATE).putInt(2 * RATE)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(2 * samples.length);
        for (short s : samples) b.putShort(s);
        Files.write(file, b.array());
    }
}
