package wakeword.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchCommandTest {

    private static final Path MODEL = Path.of(System.getProperty("wakeword.repo", "."), "models", "stop.tflite");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int bench(String... args) {
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler(new FailureHandler());
        return cli.execute(args);
    }

    @Test
    void measuresEveryStageOfTheShippedModel() throws IOException {
        assumeTrue(Files.isReadable(MODEL), "needs the shipped model " + MODEL);
        Path wav = noise(16000, 3.0);

        int status = bench("--model", MODEL.toString(), "--audio", wav.toString(), "--hops", "200", "--warmup", "50");

        assertEquals(ExitStatus.OK, status, err.toString());
        for (BenchCommand.Stage stage : BenchCommand.Stage.values()) {
            String row = out.toString().lines().filter(l -> l.startsWith("| " + stage.id + " |")).findFirst()
                    .orElseThrow(() -> new AssertionError("no row for " + stage.id + " in:\n" + out));
            double[] figures = Arrays.stream(row.split("\\|")).skip(3).map(String::trim).filter(s -> !s.isEmpty())
                    .mapToDouble(Double::parseDouble).toArray();
            assertEquals(6, figures.length, row);
            assertTrue(figures[0] > 0, "CPU time must be positive: " + row);
            assertTrue(Arrays.stream(figures).allMatch(f -> f >= 0 && Double.isFinite(f)), row);
        }
        assertTrue(out.toString().contains("at the first inference"), out.toString());
    }

    @Test
    void pacedBenchSleepsAfterEachChunkOfAudio() throws IOException {
        assumeTrue(Files.isReadable(MODEL), "needs the shipped model " + MODEL);
        Path wav = noise(16000, 3.0);

        long start = System.nanoTime();
        int status = bench("--model", MODEL.toString(), "--audio", wav.toString(), "--stages", "frontend.float",
                "--hops", "100", "--warmup", "0", "--paced", "40");
        double seconds = (System.nanoTime() - start) / 1e9;

        assertEquals(ExitStatus.OK, status, err.toString());
        assertTrue(out.toString().contains("paced: a 40 ms sleep after each 40 ms of audio"), out.toString());
        assertTrue(out.toString().lines().anyMatch(l -> l.startsWith("| frontend.float |")), out.toString());
        // 100 hops of 20 ms, a 40 ms sleep after every second one: at least 50 sleeps of 40 ms.
        assertTrue(seconds >= 2.0, "100 paced hops took only " + seconds + " s");
    }

    @Test
    void negativePacingIsAUsageError() throws IOException {
        assumeTrue(Files.isReadable(MODEL), "needs the shipped model " + MODEL);
        Path wav = noise(16000, 1.0);

        int status = bench("--model", MODEL.toString(), "--audio", wav.toString(), "--paced", "-5");

        assertEquals(CommandLine.ExitCode.USAGE, status, err.toString());
        assertTrue(err.toString().contains("--paced"), err.toString());
    }

    @Test
    void audioAtAnotherRateIsOneLineNamingTheFix() throws IOException {
        assumeTrue(Files.isReadable(MODEL), "needs the shipped model " + MODEL);
        Path wav = noise(8000, 1.0);

        int status = bench("--model", MODEL.toString(), "--audio", wav.toString());

        assertEquals(ExitStatus.AUDIO, status);
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().contains("sox"), err.toString());
    }

    @Test
    void unknownStageIsAUsageError() throws IOException {
        assumeTrue(Files.isReadable(MODEL), "needs the shipped model " + MODEL);
        Path wav = noise(16000, 1.0);

        int status = bench("--model", MODEL.toString(), "--audio", wav.toString(), "--only", "frontend.fft");

        assertEquals(CommandLine.ExitCode.USAGE, status);
        assertTrue(err.toString().contains("frontend.fft"), err.toString());
    }

    /** kernels.sh compares the model's stages with one and two interpreter threads. */
    @Test
    void measuresTheChosenStagesWithTwoThreads() throws IOException {
        assumeTrue(Files.isReadable(MODEL), "needs the shipped model " + MODEL);
        Path wav = noise(16000, 3.0);

        int status = bench("--model", MODEL.toString(), "--audio", wav.toString(), "--hops", "100", "--warmup", "10",
                "--threads", "2", "--stages", "model.xnnpack,model.builtin");

        assertEquals(ExitStatus.OK, status, err.toString());
        assertEquals(2, out.toString().lines().filter(l -> l.startsWith("| model.")).count(), out.toString());
        assertEquals(0, out.toString().lines().filter(l -> l.startsWith("| frontend.") || l.startsWith("| total.")).count());
        assertTrue(out.toString().contains("2 TFLite thread(s)"), out.toString());
        assertEquals(CommandLine.ExitCode.USAGE, bench("--model", MODEL.toString(), "--audio", wav.toString(),
                "--stages", "model.fast"));
    }

    @Test
    void missingAudioIsOneLine() {
        int status = bench("--model", MODEL.toString(), "--audio", dir.resolve("none.wav").toString());

        assertTrue(status != ExitStatus.OK && status != ExitStatus.INTERNAL, err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
    }

    /** Seeded white noise as a mono 16-bit WAV. */
    private Path noise(int rate, double seconds) throws IOException {
        Random random = new Random(7);
        short[] samples = new short[(int) (rate * seconds)];
        for (int i = 0; i < samples.length; i++) samples[i] = (short) (random.nextGaussian() * 2000);
        ByteBuffer bytes = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(samples);
        Path file = dir.resolve("noise-" + rate + ".wav");
        AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes.array()), format, samples.length)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }
}
