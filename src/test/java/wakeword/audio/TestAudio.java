package wakeword.audio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Speech to push through the capture path: real 16 kHz clips from the shared recordings when they are there
 * (system property {@code wakeword.data}, else ../shared/data), a generated signal otherwise.
 */
final class TestAudio {

    private TestAudio() {
    }

    /** About {@code seconds} of 16 kHz mono audio: "stop" clips back to back, or a synthetic stand-in. */
    static short[] speech16k(double seconds) throws IOException {
        int wanted = (int) (seconds * 16000);
        List<Path> clips = clips("stop");
        if (clips.isEmpty()) {
            return synthetic(wanted);
        }
        short[] all = new short[0];
        for (Path clip : clips) {
            short[] s = decode(clip);
            all = Arrays.copyOf(all, all.length + s.length);
            System.arraycopy(s, 0, all, all.length - s.length, s.length);
            if (all.length >= wanted) {
                return Arrays.copyOf(all, wanted);
            }
        }
        return all.length > 0 ? all : synthetic(wanted);
    }

    private static List<Path> clips(String word) throws IOException {
        Path dir = Path.of(System.getProperty("wakeword.data", "../shared/data"), "speech_commands", word);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".flac")).sorted().limit(20).toList();
        }
    }

    private static short[] decode(Path flac) throws IOException {
        AudioFormat pcm = new AudioFormat(16000, 16, 1, true, false);
        try (AudioInputStream in = AudioSystem.getAudioInputStream(pcm, AudioSystem.getAudioInputStream(flac.toFile()))) {
            return WavBytes.samples(in.readAllBytes());
        } catch (UnsupportedAudioFileException | IllegalArgumentException e) {
            throw new IOException("cannot decode " + flac + ": " + e.getMessage(), e);
        }
    }

    /** A gliding tone with noise: every sample differs from its neighbours, so misalignment shows. */
    private static short[] synthetic(int samples) {
        Random random = new Random(16000);
        short[] x = new short[samples];
        double phase = 0;
        for (int i = 0; i < samples; i++) {
            phase += 2 * Math.PI * (200 + 3000.0 * i / samples) / 16000;
            x[i] = (short) (8000 * Math.sin(phase) + random.nextInt(2001) - 1000);
        }
        return x;
    }
}
