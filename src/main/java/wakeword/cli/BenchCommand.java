package wakeword.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import wakeword.audio.AudioException;
import wakeword.daemon.Detector;
import wakeword.features.FeaturePath;
import wakeword.features.FeatureParams;
import wakeword.features.FrameSink;
import wakeword.features.StreamingFrontend;
import wakeword.model.InferenceOptions;
import wakeword.model.KeywordModel;
import wakeword.model.ModelException;
import wakeword.model.ModelManifest;
import wakeword.trigger.Detection;
import wakeword.trigger.TriggerSettings;

/**
 * Per-hop costs of the pipeline, measured in this JVM: each stage alone (both frontends, the model with and
 * without XNNPACK), the whole detector, and the bytes it allocates per hop. Prints a Markdown table;
 * tools/bench.sh puts it into BENCHMARKS.md beside the whole-process figures (real-time factor, RSS).
 *
 * <p>With {@code --only STAGE} it runs that one stage for exactly {@code --hops} hops after the warm-up and
 * prints nothing else, so an external counter (instructions under qemu) can take the difference of two runs.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Measure the per-hop cost of the frontend, the model and the whole detector on this CPU.")
public final class BenchCommand implements Callable<Integer> {

    /** The measured stages; the ids are what tools/bench.sh reads back. */
    enum Stage {
        FRONTEND_FLOAT("frontend.float", "frontend, float (JTransforms FFT)"),
        FRONTEND_FIXED("frontend.fixed", "frontend, Q15 fixed point"),
        MODEL_BUILTIN("model.builtin", "model inference as the daemon runs it, TFLite's built-in kernels"),
        MODEL_XNNPACK("model.xnnpack", "model inference as the daemon runs it, XNNPACK delegate"),
        WINDOW_BUILTIN("model.window.builtin", "window model (whole window every hop), built-in kernels"),
        WINDOW_XNNPACK("model.window.xnnpack", "window model (whole window every hop), XNNPACK delegate"),
        TOTAL_FLOAT_BUILTIN("total.float.builtin", "whole detector, float frontend, built-in kernels"),
        TOTAL_FLOAT_XNNPACK("total.float.xnnpack", "whole detector, float frontend, XNNPACK"),
        TOTAL_FIXED_BUILTIN("total.fixed.builtin", "whole detector, fixed-point frontend, built-in kernels"),
        TOTAL_FIXED_XNNPACK("total.fixed.xnnpack", "whole detector, fixed-point frontend, XNNPACK");

        final String id;
        final String label;

        Stage(String id, String label) {
            this.id = id;
            this.label = label;
        }
    }

    /**
     * One stage's cost per hop: wall time (mean, median, 99th percentile) in microseconds, the calling thread's
     * CPU time (mean; robust against other processes taking the core), the whole process's CPU time (which
     * also holds TFLite's worker threads when there are several) and the bytes the thread allocated.
     */
    record Timing(Stage stage, double meanUs, double medianUs, double p99Us, double cpuUs, double processCpuUs,
                  double bytesPerHop) {
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", description = "the .tflite to run (its .json beside it); default: ${DEFAULT-VALUE}")
    private Path modelFile = Path.of("models/stop.tflite");

    @Option(names = "--audio", paramLabel = "WAV", required = true,
            description = "mono 16-bit WAV at the model's sample rate that drives every stage (looped), e.g. speech")
    private Path audioFile;

    @Option(names = "--hops", description = "measured hops per stage; default: ${DEFAULT-VALUE}")
    private int hops = 10_000;

    @Option(names = "--warmup", description = "hops run before measuring, so the JIT has compiled the loop; default: ${DEFAULT-VALUE}")
    private int warmup = 5_000;

    @Option(names = "--threads", description = "TFLite interpreter threads for the model stages; default: ${DEFAULT-VALUE}")
    private int threads = 1;

    @Option(names = "--stages", paramLabel = "STAGE,...", split = ",",
            description = "measure and print only these stages (default: all)")
    private List<String> stages;

    @Option(names = "--paced", paramLabel = "MS",
            description = {"after each MS of audio the thread sleeps MS ms, as the live daemon waits for its next read:"
                    + " the CPU figures then hold what a wake-up costs (the sleep itself, caches gone cold), the wall"
                    + " figures still only the hops; use a few thousand --hops (1,500 hops at 100 ms: 30 s)"})
    private int pacedMs;

    @Option(names = "--only", paramLabel = "STAGE",
            description = "run one stage silently (for instruction counting): frontend.float, frontend.fixed,"
                    + " model.builtin, model.xnnpack, total.{float,fixed}.{builtin,xnnpack}")
    private String only;

    private long jvmUptimeAtMainMs;

    @Override
    public Integer call() throws IOException, ModelException {
        jvmUptimeAtMainMs = ManagementFactory.getRuntimeMXBean().getUptime();
        if (hops < 100 || warmup < 0 || threads < 1 || pacedMs < 0) {
            throw new ParameterException(spec.commandLine(),
                    "--hops must be at least 100, --warmup and --paced not negative and --threads at least 1");
        }
        ModelManifest manifest = ModelManifest.read(ModelManifest.pathFor(modelFile));
        FeatureParams params = manifest.features();
        short[] audio = readWav(audioFile, params.sampleRate());
        if (audio.length < params.frameLength() * 2) {
            throw new AudioException("bench audio " + audioFile + " is shorter than two frames: give it a few seconds of speech");
        }
        if (only != null) {
            measure(stage("--only", only), manifest, audio);
            return ExitStatus.OK;
        }
        List<Stage> measured = stages == null ? List.of(Stage.values())
                : stages.stream().map(id -> stage("--stages", id)).toList();

        PrintWriter out = spec.commandLine().getOut();
        double firstInferenceMs = startup(manifest, audio);
        out.printf(Locale.ROOT, "JVM uptime at bench's main: %d ms; at the first inference (model loaded, first window"
                + " scored): %.0f ms%n%n", jvmUptimeAtMainMs, firstInferenceMs);
        out.printf(Locale.ROOT, "Per hop (%d samples = %.0f ms of audio), %d hops after %d warm-up hops, %s, %s %s,"
                        + " %d TFLite thread(s)%s:%n%n", params.hopLength(), 1000.0 * params.hopLength() / params.sampleRate(),
                hops, warmup, manifest.name(), System.getProperty("os.arch"), System.getProperty("java.vm.version"), threads,
                pacedMs == 0 ? "" : String.format(Locale.ROOT, ", paced: a %d ms sleep after each %d ms of audio",
                        pacedMs, pacedMs));
        out.println("| stage | what | CPU µs | process CPU µs | wall mean µs | wall median µs | wall p99 µs | bytes allocated per hop |");
        out.println("|---|---|---:|---:|---:|---:|---:|---:|");
        for (Stage stage : measured) {
            Timing t = measure(stage, manifest, audio);
            out.printf(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.3f |%n", stage.id,
                    stage.label, t.cpuUs(), t.processCpuUs(), t.meanUs(), t.medianUs(), t.p99Us(), t.bytesPerHop());
        }
        out.flush();
        return ExitStatus.OK;
    }

    /**
     * Loads the model and scores the first window, as the daemon does at start; returns the JVM uptime then.
     * With XNNPACK, whose delegate takes longer to set up than the built-in kernels.
     */
    private double startup(ModelManifest manifest, short[] audio) throws ModelException {
        boolean[] scored = {false};
        try (Detector detector = new Detector(KeywordModel.open(modelFile, manifest, options(true)),
                FeaturePath.FLOAT, manifestTrigger(manifest), new Detector.Listener() {
                    @Override
                    public void onScore(double timeSeconds, float score, float smoothed) {
                        scored[0] = true;
                    }

                    @Override
                    public void onDetection(Detection detection) {
                    }
                })) {
            int hop = manifest.features().hopLength();
            for (int pos = 0; !scored[0]; pos = pos + 2 * hop > audio.length ? 0 : pos + hop) {
                detector.accept(audio, pos, hop);
            }
        }
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }

    private Stage stage(String option, String id) {
        return Arrays.stream(Stage.values()).filter(s -> s.id.equals(id)).findFirst()
                .orElseThrow(() -> new ParameterException(spec.commandLine(), option + ": unknown stage '" + id
                        + "'; use one of " + Arrays.stream(Stage.values()).map(s -> s.id).toList()));
    }

    private Timing measure(Stage stage, ModelManifest manifest, short[] audio) throws ModelException {
        return switch (stage) {
            case FRONTEND_FLOAT -> timeFrontend(stage, manifest.features(), FeaturePath.FLOAT, audio);
            case FRONTEND_FIXED -> timeFrontend(stage, manifest.features(), FeaturePath.FIXED, audio);
            case MODEL_BUILTIN -> timeModel(stage, manifest, audio, false);
            case MODEL_XNNPACK -> timeModel(stage, manifest, audio, true);
            case WINDOW_BUILTIN -> timeModel(stage, manifest.withStreaming(null), audio, false);
            case WINDOW_XNNPACK -> timeModel(stage, manifest.withStreaming(null), audio, true);
            case TOTAL_FLOAT_BUILTIN -> timeDetector(stage, manifest, audio, FeaturePath.FLOAT, false);
            case TOTAL_FLOAT_XNNPACK -> timeDetector(stage, manifest, audio, FeaturePath.FLOAT, true);
            case TOTAL_FIXED_BUILTIN -> timeDetector(stage, manifest, audio, FeaturePath.FIXED, false);
            case TOTAL_FIXED_XNNPACK -> timeDetector(stage, manifest, audio, FeaturePath.FIXED, true);
        };
    }

    private Timing timeFrontend(Stage stage, FeatureParams params, FeaturePath path, short[] audio) {
        StreamingFrontend frontend = new StreamingFrontend(params, path);
        float[] checksum = new float[1];
        // Reading the output keeps the work observable, so the JIT cannot drop it.
        FrameSink sink = frame -> checksum[0] += frame[0];
        HopLoop loop = new HopLoop(audio, params);
        return loop.time(stage, (samples, offset, length) -> frontend.accept(samples, offset, length, sink));
    }

    private Timing timeModel(Stage stage, ModelManifest manifest, short[] audio, boolean xnnpack) throws ModelException {
        // The model alone: feature frames computed beforehand, so only quantizing, copying and Invoke are timed. A
        // streaming model invokes TFLite every stride hops: its figure is the mean over the hops.
        float[][] frames = StreamingFrontend.framesOf(manifest.features(), FeaturePath.FIXED, audio);
        try (KeywordModel model = KeywordModel.open(modelFile, manifest, options(xnnpack))) {
            for (int i = 0; i < manifest.input().frames(); i++) model.pushFrame(frames[i % frames.length]);
            int[] next = {0};
            HopLoop loop = new HopLoop(audio, manifest.features());
            return loop.time(stage, (samples, offset, length) -> {
                model.pushFrame(frames[next[0]]);
                next[0] = next[0] + 1 == frames.length ? 0 : next[0] + 1;
            });
        }
    }

    private Timing timeDetector(Stage stage, ModelManifest manifest, short[] audio, FeaturePath path, boolean xnnpack)
            throws ModelException {
        try (Detector detector = newDetector(manifest, path, xnnpack)) {
            return new HopLoop(audio, manifest.features()).time(stage, detector::accept);
        }
    }

    private Detector newDetector(ModelManifest manifest, FeaturePath path, boolean xnnpack) throws ModelException {
        KeywordModel model = KeywordModel.open(modelFile, manifest, options(xnnpack));
        return new Detector(model, path, manifestTrigger(manifest), new Detector.Listener() {
            @Override
            public void onDetection(Detection detection) {
            }
        });
    }

    /** The trigger as the model's manifest sets it, as with a config that overrides nothing. */
    private static TriggerSettings manifestTrigger(ModelManifest manifest) {
        ModelManifest.TriggerDefaults d = manifest.trigger();
        return new TriggerSettings(d.threshold(), d.smoothing(), d.refractoryMs(), d.warmupMs());
    }

    private InferenceOptions options(boolean xnnpack) {
        return new InferenceOptions(threads, xnnpack);
    }

    /** One hop's work on {@code length} samples from {@code offset}. */
    @FunctionalInterface
    private interface HopWork {
        void run(short[] samples, int offset, int length);
    }

    /** Feeds the audio hop by hop, from the start again at its end, and times each hop. */
    private final class HopLoop {
        private final short[] audio;
        private final int hop;
        private final com.sun.management.ThreadMXBean threadBean =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        private final com.sun.management.OperatingSystemMXBean process =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private final int hopsPerWake;
        private int position;

        /** @param params the features the audio is cut into hops for (the audio is at their sample rate) */
        HopLoop(short[] audio, FeatureParams params) {
            this.audio = audio;
            this.hop = params.hopLength();
            this.hopsPerWake = pacedMs == 0 ? 0
                    : Math.max(1, (int) ((long) pacedMs * params.sampleRate() / 1000 / hop));
        }

        void run(int count, HopWork work) {
            for (int i = 0; i < count; i++) {
                work.run(audio, position, hop);
                advance();
            }
        }

        Timing time(Stage stage, HopWork work) {
            run(warmup, work);
            long[] nanos = new long[hops];
            long thread = Thread.currentThread().getId();
            long cpuBefore = threadBean.getCurrentThreadCpuTime();
            long processBefore = process.getProcessCpuTime();
            long bytesBefore = threadBean.getThreadAllocatedBytes(thread);
            for (int i = 0; i < hops; i++) {
                long start = System.nanoTime();
                work.run(audio, position, hop);
                nanos[i] = System.nanoTime() - start;
                advance();
                if (hopsPerWake > 0 && (i + 1) % hopsPerWake == 0) pause();
            }
            long processCpu = process.getProcessCpuTime() - processBefore;
            long bytes = threadBean.getThreadAllocatedBytes(thread) - bytesBefore;
            long cpu = threadBean.getCurrentThreadCpuTime() - cpuBefore;
            double mean = Arrays.stream(nanos).average().orElse(0) / 1000;
            Arrays.sort(nanos);
            return new Timing(stage, mean, nanos[hops / 2] / 1000.0, nanos[(int) (hops * 0.99)] / 1000.0,
                    cpu / 1000.0 / hops, processCpu / 1000.0 / hops, (double) bytes / hops);
        }

        private void pause() {
            try {
                Thread.sleep(pacedMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("bench interrupted while paced", e);
            }
        }

        private void advance() {
            position += hop;
            if (position + hop > audio.length) position = 0;
        }
    }

    private static short[] readWav(Path file, int sampleRate) throws AudioException {
        AudioFormat wanted = new AudioFormat(sampleRate, 16, 1, true, false);
        String fix = ": bench needs a " + sampleRate + " Hz mono 16-bit WAV (sox in.wav -r " + sampleRate
                + " -c 1 -b 16 -e signed-integer out.wav)";
        if (!Files.isRegularFile(file)) {
            throw new AudioException("bench audio " + file + " not found: pass --audio with a WAV file of speech"
                    + " (tools/bench.sh makes one)");
        }
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            AudioFormat f = in.getFormat();
            if (f.getEncoding() != AudioFormat.Encoding.PCM_SIGNED || f.getSampleRate() != sampleRate
                    || f.getChannels() != 1 || f.getSampleSizeInBits() != 16 || f.isBigEndian()) {
                throw new AudioException("bench audio " + file + " is " + f + fix);
            }
            byte[] bytes = in.readAllBytes();
            short[] samples = new short[bytes.length / 2];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
            return samples;
        } catch (UnsupportedAudioFileException e) {
            throw new AudioException("bench audio " + file + " is not a WAV file" + fix);
        } catch (AudioException e) {
            throw e;
        } catch (IOException e) {
            throw new AudioException("cannot read bench audio " + file + ": " + e.getMessage() + fix);
        }
    }
}
