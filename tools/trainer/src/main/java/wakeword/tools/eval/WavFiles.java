package wakeword.tools.eval;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** 16 kHz mono 16-bit little-endian WAV, the format the daemon replays and PocketSphinx reads. */
final class WavFiles {

    static final AudioFormat FORMAT = new AudioFormat(Track.RATE, 16, 1, true, false);

    private WavFiles() {}

    /**
     * Rounds and clips to 16 bits and writes the file: into a temporary file that then replaces the old one, so a
     * decoder still reading the old file (another evaluation) never sees it half written.
     */
    static void write(float[] samples, Path file) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : samples) b.putShort((short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v))));
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(b.array()), FORMAT, samples.length)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, tmp.toFile());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static short[] read(Path file) throws IOException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            if (!in.getFormat().matches(FORMAT)) {
                throw new IOException(file + " is " + in.getFormat() + ", expected " + FORMAT);
            }
            byte[] bytes = in.readAllBytes();
            short[] s = new short[bytes.length / 2];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
            return s;
        } catch (javax.sound.sampled.UnsupportedAudioFileException e) {
            throw new IOException(file + " is not a WAV file", e);
        }
    }
}
