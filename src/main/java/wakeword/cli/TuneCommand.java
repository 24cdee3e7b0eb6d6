package wakeword.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import wakeword.audio.AlsaCaptureSource;
import wakeword.audio.AudioException;
import wakeword.audio.AudioSource;
import wakeword.audio.WavFileSource;
import wakeword.config.Config;
import wakeword.config.ConfigEditor;
import wakeword.config.ConfigException;
import wakeword.daemon.Detector;
import wakeword.daemon.Pipelines;
import wakeword.model.ModelException;
import wakeword.model.ModelManifest;
import wakeword.trigger.Detection;
import wakeword.trigger.TriggerSettings;
import wakeword.tune.ScoreTrace;
import wakeword.tune.Tuning;

/**
 * Guided tuning: the owner's "stop" and the owner's room, through the same pipeline as the daemon, give a
 * threshold and a smoothing that catch the one and stay quiet in the other.
 */
@Command(name = "tune", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Finds the threshold and smoothing for your voice and your room.",
                "From the microphone: asks for \"stop\" a few times, then listens to the room (leave the TV or the"
                        + " talk on) for a few minutes, showing the input level and the score.",
                "From recordings: --keyword with each take of \"stop\" (one word per file) and --background with"
                        + " minutes of the room without \"stop\" (WAV, any rate).",
                "Reports each take's peak score and every false alarm, and proposes a threshold and smoothing;"
                        + " --write puts them into the config (keeping a copy as <config>.bak).",
                "The microphone cannot be shared with the running service: sudo systemctl stop wakeword first."})
final class TuneCommand implements Callable<Integer> {

    /** Each microphone take: long enough to say the word after the prompt appears. */
    private static final double TAKE_SECONDS = 2.0;
    /** Before the first take: the model's window fills and the user reads the prompt. */
    private static final double LEAD_IN_SECONDS = 1.5;
    /** Silence around a recorded take, a model window each, so the window slides over the whole word as live. */
    private static final double PAD_BEFORE_SECONDS = 1.0;
    private static final double PAD_AFTER_SECONDS = 1.0;
    /** Less background than this makes a threshold little more than a guess. */
    private static final double SHORT_BACKGROUND_SECONDS = 60;

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "config file to read (and with --write, to change) (default: /etc/wakeword/wakeword.conf,"
                    + " else config/wakeword.conf)")
    private Path config;

    @Option(names = "--keyword", paramLabel = "FILE.wav", arity = "1..*",
            description = "a recording of \"stop\" said once; repeat (or list several) for more takes")
    private List<Path> keywords = new ArrayList<>();

    @Option(names = "--background", paramLabel = "FILE.wav", arity = "1..*",
            description = "a recording of the room without \"stop\" (TV, talk, kitchen), minutes long")
    private List<Path> backgrounds = new ArrayList<>();

    @Option(names = "--takes", paramLabel = "N", description = "microphone: how many times to say \"stop\" (default: ${DEFAULT-VALUE})")
    private int takes = 5;

    @Option(names = "--minutes", paramLabel = "M", description = "microphone: how long to listen to the room (default: ${DEFAULT-VALUE})")
    private double minutes = 3;

    @Option(names = "--write", description = "write the proposed threshold and smoothing into the config file")
    private boolean write;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws IOException, ModelException {
        boolean fromFiles = !keywords.isEmpty() || !backgrounds.isEmpty();
        if (fromFiles && (keywords.isEmpty() || backgrounds.isEmpty())) {
            throw new ParameterException(spec.commandLine(), keywords.isEmpty()
                    ? "--background needs --keyword too: give one or more recordings of \"stop\""
                    : "--keyword needs --background too: give a recording of the room without \"stop\", minutes long");
        }
        if (takes < 1 || takes > 20) {
            throw new ParameterException(spec.commandLine(), "--takes must be from 1 to 20, got " + takes);
        }
        if (!(minutes >= 0.1 && minutes <= 60)) {
            throw new ParameterException(spec.commandLine(), "--minutes must be from 0.1 to 60, got " + minutes);
        }
        Path file = ConfigFiles.locate(config);
        Config settings = ConfigFiles.load(file);
        Logging.configure(settings.logLevel() == Config.LogLevel.INFO ? "warn" : settings.logLevel().name(), true);
        if (write) OutputFiles.checkWritable(file, "--write: the config");
        ModelManifest manifest = ModelManifest.read(ModelManifest.pathFor(settings.model()));
        TriggerSettings current = Detector.settingsFor(manifest, settings.trigger());
        double hop = (double) manifest.features().hopLength() / manifest.features().sampleRate();

        List<ScoreTrace> takeTraces = new ArrayList<>();
        List<ScoreTrace> backgroundTraces = new ArrayList<>();
        if (fromFiles) {
            int rate = manifest.features().sampleRate();
            for (Path k : keywords) {
                short[] padded = pad(read(k, rate), rate);
                takeTraces.add(trace(settings, k.getFileName().toString(), padded, hop));
            }
            for (Path b : backgrounds) {
                backgroundTraces.add(trace(settings, b.getFileName().toString(), read(b, rate), hop));
            }
        } else {
            new Microphone(settings, manifest, current, hop).record(takeTraces, backgroundTraces);
        }

        Tuning.Result result = new Tuning(takeTraces, backgroundTraces, manifest.output().highestScore(3)).tune(current);
        if (result.proposed().caught() == 0) {
            // A threshold just above a room that no take clears would fire at anything: propose nothing.
            reportNow(result, takeTraces, file);
            out.flush();
            throw new AudioException("no take of \"stop\" scores above the room (takes' peaks "
                    + String.join(" ", result.current().takePeaks().stream().map(TuneCommand::up).toList())
                    + ", room " + up(result.current().backgroundPeak()) + "), so there is nothing to propose; check"
                    + " that the microphone is the right one and not muted (wakeword devices), say \"stop\" closer,"
                    + " and tune again");
        }
        report(result, takeTraces, file);
        if (write) {
            writeConfig(file, result.proposed().settings());
        }
        out.flush();
        return ExitStatus.OK;
    }

    private void report(Tuning.Result r, List<ScoreTrace> takeTraces, Path file) {
        reportNow(r, takeTraces, file);
        reportProposal(r, file);
    }

    /** Each take and the room with the settings in force. */
    private void reportNow(Tuning.Result r, List<ScoreTrace> takeTraces, Path file) {
        Tuning.Outcome now = r.current();
        TriggerSettings was = now.settings();
        out.println();
        out.printf(Locale.ROOT, "Now (%s): threshold %s, smoothing %d%n", file, fmt(was.threshold()), was.smoothing());
        out.println("  \"stop\" takes, peak score:");
        for (int i = 0; i < takeTraces.size(); i++) {
            float peak = now.takePeaks().get(i);
            out.printf(Locale.ROOT, "    %-28s %s  %s%n", takeTraces.get(i).name(), up(peak),
                    peak >= was.threshold() ? "detected" : "MISSED");
        }
        out.printf(Locale.ROOT, "  background: %.0f s, highest score %s, %d false alarm(s)%s%n", r.backgroundSeconds(),
                up(now.backgroundPeak()), now.falseAlarms().size(), now.falseAlarms().isEmpty() ? "" : ":");
        for (Tuning.FalseAlarm fa : now.falseAlarms()) {
            out.printf(Locale.ROOT, "    %s at %.2f s, score %s%n", fa.recording(), fa.time(), up(fa.score()));
        }
    }

    private void reportProposal(Tuning.Result r, Path file) {
        Tuning.Outcome proposed = r.proposed();
        TriggerSettings next = proposed.settings();
        out.println();
        out.printf(Locale.ROOT, "Proposed: threshold = %s, smoothing = %d%n", fmt(next.threshold()), next.smoothing());
        out.printf(Locale.ROOT, "  detects %d of %d takes (peaks %s), %d false alarm(s) in %.0f s of background"
                        + " (highest score %s)%n", proposed.caught(), proposed.takePeaks().size(),
                String.join(" ", proposed.takePeaks().stream().map(TuneCommand::up).toList()),
                proposed.falseAlarms().size(), r.backgroundSeconds(), up(proposed.backgroundPeak()));
        for (Tuning.FalseAlarm fa : proposed.falseAlarms()) {
            out.printf(Locale.ROOT, "    false alarm: %s at %.2f s, score %s%n", fa.recording(), fa.time(), up(fa.score()));
        }
        if (proposed.caught() < proposed.takePeaks().size()) {
            out.println("  Some takes stay below anything the room reaches: say \"stop\" closer to the microphone or"
                    + " louder, or move it away from the TV, then tune again.");
        }
        if (!proposed.falseAlarms().isEmpty()) {
            out.println("  The room reaches the model's highest score: no threshold silences it; move the microphone"
                    + " away from that sound.");
        }
        if (r.backgroundSeconds() < SHORT_BACKGROUND_SECONDS) {
            out.printf(Locale.ROOT, "  Only %.0f s of background: a few minutes of TV or talk give a threshold you can"
                    + " trust.%n", r.backgroundSeconds());
        }
        if (!write) {
            out.printf(Locale.ROOT, "To use it: run tune again with --write, or set threshold = %s and smoothing = %d"
                    + " in %s; then: sudo systemctl reload wakeword%n", fmt(next.threshold()), next.smoothing(), file);
        }
    }

    private void writeConfig(Path file, TriggerSettings next) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("threshold", fmt(next.threshold()));
        values.put("smoothing", Integer.toString(next.smoothing()));
        Path backup = file.resolveSibling(file.getFileName() + ".bak");
        Path temp = file.resolveSibling(file.getFileName() + ".tune-new");
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String edited = ConfigEditor.set(text, values, file.toString());
            Files.copy(file, backup, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            Files.writeString(temp, edited, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(file));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AccessDeniedException e) {
            throw new ConfigException("cannot write " + e.getFile() + " (permission denied); run tune with sudo, or"
                    + " set threshold = " + values.get("threshold") + " and smoothing = " + values.get("smoothing")
                    + " in " + file + " by hand");
        } catch (IOException e) {
            throw new ConfigException("cannot write " + file + " (" + e.getMessage() + "); set threshold = "
                    + values.get("threshold") + " and smoothing = " + values.get("smoothing") + " by hand");
        }
        out.printf(Locale.ROOT, "Wrote threshold = %s and smoothing = %d into %s (the previous file is %s).%n",
                values.get("threshold"), next.smoothing(), file, backup);
        out.println("Apply it: sudo systemctl reload wakeword   (or restart: sudo systemctl restart wakeword)");
    }

    /** A take's or the room's audio run through the daemon's own pipeline, keeping every hop's raw score. */
    private static ScoreTrace trace(Config settings, String name, short[] samples, double hop) throws ModelException {
        ScoreTrace.Builder trace = new ScoreTrace.Builder(name, hop);
        try (Detector detector = Pipelines.openDetector(settings, new Detector.Listener() {
            @Override
            public void onScore(double time, float score, float smoothed) {
                trace.add(time, score);
            }

            @Override
            public void onDetection(Detection detection) {
            }
        })) {
            detector.accept(samples, 0, samples.length);
        }
        return trace.build();
    }

    private static short[] read(Path wav, int rate) throws IOException {
        try (AudioSource source = new WavFileSource(wav, rate)) {
            short[] all = new short[rate * 4];
            int length = 0;
            for (int n; (n = source.read(all, length, all.length - length)) >= 0; ) {
                length += n;
                if (length == all.length) all = Arrays.copyOf(all, all.length * 2);
            }
            return Arrays.copyOf(all, length);
        }
    }

    private static short[] pad(short[] take, int rate) {
        int before = (int) (PAD_BEFORE_SECONDS * rate);
        short[] out = new short[before + take.length + (int) (PAD_AFTER_SECONDS * rate)];
        System.arraycopy(take, 0, out, before, take.length);
        return out;
    }

    /** A score as the daemon logs it: rounded up. */
    private static String up(float score) {
        return new Detection(0, score).scoreText(3);
    }

    private static String fmt(double threshold) {
        return String.format(Locale.ROOT, "%.3f", threshold);
    }

    /**
     * Live tuning: one capture and one detector for the whole session, as the daemon would hear it; the takes
     * and the room are stretches of the same score stream.
     */
    private final class Microphone {
        private final Config settings;
        private final ModelManifest manifest;
        private final TriggerSettings current;
        private final double hop;

        Microphone(Config settings, ModelManifest manifest, TriggerSettings current, double hop) {
            this.settings = settings;
            this.manifest = manifest;
            this.current = current;
            this.hop = hop;
        }

        void record(List<ScoreTrace> takeTraces, List<ScoreTrace> backgroundTraces) throws IOException, ModelException {
            int rate = manifest.features().sampleRate();
            ScoreTrace.Builder all = new ScoreTrace.Builder("microphone", hop);
            float[] latest = new float[2];
            try (AudioSource mic = open(rate);
                 Detector detector = Pipelines.openDetector(settings, new Detector.Listener() {
                     @Override
                     public void onScore(double time, float score, float smoothed) {
                         all.add(time, score);
                         latest[0] = smoothed;
                         latest[1] = Math.max(latest[1], smoothed);
                     }

                     @Override
                     public void onDetection(Detection detection) {
                     }
                 })) {
                short[] chunk = new short[rate / 50];
                out.printf(Locale.ROOT, "Listening on '%s'. Say \"stop\" when asked, as you will say it to the"
                        + " switch, from where you will say it.%n", settings.audio().device());
                feed(mic, detector, chunk, LEAD_IN_SECONDS, null);
                for (int t = 1; t <= takes; t++) {
                    out.printf(Locale.ROOT, "Take %d of %d: say \"stop\" now... ", t, takes);
                    out.flush();
                    int from = all.build().length();
                    latest[1] = 0;
                    int peak = feed(mic, detector, chunk, TAKE_SECONDS, null);
                    ScoreTrace take = slice(all.build(), "take " + t, from);
                    takeTraces.add(take);
                    out.printf(Locale.ROOT, "level %s, score %s%s%n", dbfs(peak), up(latest[1]),
                            peak < 100 ? "  (silence: is the microphone muted or the wrong one?)" : "");
                }
                out.printf(Locale.ROOT, "%nNow the room: leave the TV, radio or talk on as usual and do not say"
                        + " \"stop\". Listening for %.1f minute(s); Ctrl-C stops early.%n", minutes);
                int from = all.build().length();
                latest[1] = 0;
                feed(mic, detector, chunk, minutes * 60, latest);
                backgroundTraces.add(slice(all.build(), "room", from));
                out.println();
            }
        }

        private AudioSource open(int rate) throws AudioException {
            // A long buffer: printing between takes must not cost audio.
            try {
                return new AlsaCaptureSource(settings.audio().device(), rate, 2000);
            } catch (AudioException e) {
                if (serviceIsActive()) {
                    throw new AudioException("the microphone is in use by the wakeword service; stop it while you"
                            + " tune (sudo systemctl stop wakeword) and start it again afterwards (sudo systemctl"
                            + " start wakeword)");
                }
                throw e;
            }
        }

        /**
         * Feeds {@code seconds} of audio to the detector; with {@code live}, shows the level and the score twice a
         * second. Returns the highest absolute sample.
         */
        private int feed(AudioSource mic, Detector detector, short[] chunk, double seconds, float[] live)
                throws IOException {
            long wanted = (long) (seconds * mic.sampleRate());
            long done = 0;
            int peak = 0;
            int windowPeak = 0;
            long nextShow = mic.sampleRate() / 2;
            boolean console = System.console() != null;
            while (done < wanted) {
                int n = mic.read(chunk, 0, (int) Math.min(chunk.length, wanted - done));
                if (n < 0) throw new AudioException("the microphone stopped delivering audio");
                for (int i = 0; i < n; i++) windowPeak = Math.max(windowPeak, Math.abs(chunk[i]));
                detector.accept(chunk, 0, n);
                done += n;
                if (live != null && done >= nextShow) {
                    nextShow += console ? mic.sampleRate() / 2 : mic.sampleRate() * 10L;
                    long s = done / mic.sampleRate();
                    String line = String.format(Locale.ROOT, "  %d:%02d  level %s  score %s  highest %s  (threshold now %s)",
                            s / 60, s % 60, dbfs(windowPeak), up(live[0]), up(live[1]), fmt(current.threshold()));
                    out.print(console ? "\r" + line : line + System.lineSeparator());
                    out.flush();
                    peak = Math.max(peak, windowPeak);
                    windowPeak = 0;
                }
            }
            return Math.max(peak, windowPeak);
        }

        private ScoreTrace slice(ScoreTrace all, String name, int from) {
            float[] s = all.scores();
            return new ScoreTrace(name, Arrays.copyOfRange(s, from, s.length), all.timeOf(from), hop);
        }
    }

    private static String dbfs(int peak) {
        return peak <= 0 ? "-inf dBFS" : String.format(Locale.ROOT, "%.0f dBFS", 20 * Math.log10(peak / 32768.0));
    }

    /** Whether systemd runs the service now, which would hold the microphone. */
    private static boolean serviceIsActive() {
        try {
            Process p = new ProcessBuilder("systemctl", "is-active", "--quiet", "wakeword")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
