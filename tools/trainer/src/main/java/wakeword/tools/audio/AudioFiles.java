package wakeword.tools.audio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/** Decodes the shared recordings (FLAC through the jflac Java Sound provider) to 16 kHz mono 16-bit samples. */
public final class AudioFiles {

    public static final int SAMPLE_RATE = 16_000;
    private static final AudioFormat PCM16 = new AudioFormat(SAMPLE_RATE, 16, 1, true, false);

    private AudioFiles() {}

    public static short[] read(Path file) {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            AudioFormat f = in.getFormat();
            if (f.getSampleRate() != SAMPLE_RATE || f.getChannels() != 1) {
                throw new IllegalArgumentException(file + " is " + f + "; the trainer expects 16 kHz mono recordings as in the shared data");
            }
            try (AudioInputStream pcm = AudioSystem.getAudioInputStream(PCM16, in)) {
                return toShorts(readAll(pcm));
            }
        } catch (UnsupportedAudioFileException e) {
            throw new IllegalArgumentException(file + " is not a readable audio file (is jflac-codec on the classpath?)", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A mono 16-bit file at whatever rate it was written (espeak-ng writes 22050 Hz). */
    public record Pcm(short[] samples, int sampleRate) {}

    public static Pcm readMono16(Path file) {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            AudioFormat f = in.getFormat();
            if (f.getChannels() != 1) throw new IllegalArgumentException(file + " is not mono: " + f);
            AudioFormat pcm = new AudioFormat(f.getSampleRate(), 16, 1, true, false);
            try (AudioInputStream conv = AudioSystem.getAudioInputStream(pcm, in)) {
                return new Pcm(toShorts(readAll(conv)), Math.round(f.getSampleRate()));
            }
        } catch (UnsupportedAudioFileException e) {
            throw new IllegalArgumentException(file + " is not a readable audio file", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    private static short[] toShorts(byte[] bytes) {
        short[] s = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
        return s;
    }
}
