package wakeword.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tinylog.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import wakeword.audio.AudioSource;
import wakeword.audio.WavFileSource;
import wakeword.config.Config;
import wakeword.daemon.Detector;
import wakeword.daemon.Pipelines;
import wakeword.trigger.Detection;

/** The whole pipeline over a WAV file, as fast as the CPU allows: what the daemon would have done live. */
@Command(name = "replay", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Runs frontend, model and trigger policy over a WAV file as fast as the CPU allows.",
                "Prints one JSON object per detection on stdout: {\"time\": <s from file start>, \"score\": <0..1>}.",
                "The score is the highest smoothed score of the detection, rounded up: a threshold above it removes it.",
                "Logs go to stderr."})
final class ReplayCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "WAV file (PCM, any rate and channel count)")
    private Path file;

    @Option(names = "--config", paramLabel = "FILE",
            description = "config file (default: /etc/wakeword/wakeword.conf, else config/wakeword.conf)")
    private Path config;

    @Option(names = "--threshold", paramLabel = "X", description = "detection threshold 0..1, overrides the config")
    private String threshold;

    @Option(names = "--model", paramLabel = "FILE", description = ".tflite model, overrides the config")
    private String model;

    @Option(names = "--features", paramLabel = "PATH", description = "float or fixed, overrides the config")
    private String features;

    @Option(names = "--scores", paramLabel = "FILE", description = "write every hop's time, raw score and smoothed score (what the threshold is compared with) as CSV")
    private Path scores;

    @Override
    public Integer call() throws Exception {
        Map<String, String> overrides = new LinkedHashMap<>();
        if (threshold != null) overrides.put("threshold", threshold);
        if (model != null) overrides.put("model", Path.of(model).toAbsolutePath().toString());
        if (features != null) overrides.put("features", features);
        Config settings = ConfigFiles.load(ConfigFiles.locate(config)).withOverrides(overrides, "command line");
        Logging.configure(settings.logLevel().name(), true);
        PrintStream out = System.out;
        try (ScoreCsv csv = scores == null ? null : new ScoreCsv(scores);
             Detector detector = Pipelines.openDetector(settings, new Detector.Listener() {
                 @Override
                 public void onScore(double time, float score, float smoothed) {
                     if (csv != null) csv.write(time, score, smoothed);
                 }

                 @Override
                 public void onDetection(Detection d) {
                     out.printf(Locale.ROOT, "{\"time\": %.3f, \"score\": %s}%n", d.timeSeconds(), d.scoreText(4));
                 }
             });
             AudioSource audio = new WavFileSource(file, detector.sampleRate())) {
            Logger.info("replay {}: model {}, threshold {}", file, settings.model(), detector.settings().threshold());
            short[] buffer = new short[4096];
            long samples = 0;
            for (int n; (n = audio.read(buffer, 0, buffer.length)) >= 0; ) {
                detector.accept(buffer, 0, n);
                samples += n;
            }
            detector.finish();
            Logger.info("replayed {} s of audio", String.format(Locale.ROOT, "%.1f", samples / (double) detector.sampleRate()));
        }
        out.flush();
        return ExitStatus.OK;
    }

    /**
     * time,score,smoothed per hop: the model's score and the moving average the threshold is compared with.
     * Raw scores are multiples of the output scale, printed exactly so runs can be diffed.
     */
    private static final class ScoreCsv implements AutoCloseable {
        private final Path file;
        private final BufferedWriter writer;
        private IOException failure;

        ScoreCsv(Path file) throws IOException {
            this.file = file;
            writer = OutputFiles.open(file, "--scores");
            writer.write("time,score,smoothed\n");
        }

        /** Called on the audio path, which has no checked exceptions: the first failure is kept for close(). */
        void write(double time, float score, float smoothed) {
            if (failure != null) return;
            try {
                writer.write(String.format(Locale.ROOT, "%.5f,%s,%s%n", time, Float.toString(score),
                        Float.toString(smoothed)));
            } catch (IOException e) {
                failure = e;
            }
        }

        @Override
        public void close() {
            try {
                writer.close();
            } catch (IOException e) {
                if (failure == null) failure = e;
            }
            if (failure != null) throw OutputFiles.cannotWrite(file, "--scores", failure);
        }
    }
}
