package wakeword.tools.eval;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import wakeword.model.ModelException;
import wakeword.model.ModelManifest;

/**
 * Runs the daemon's own {@code replay} command on a stream: the same audio reading, frontend, model and trigger
 * policy as live capture. Its detections come from stdout (one JSON object per line), its per-hop raw scores from
 * the {@code --scores} CSV. Finished replays are kept in a cache folder, keyed by the contents of the jar, config,
 * model, manifest and WAV and by the threshold, so re-running an evaluation after a report change costs nothing
 * while any change of input replays again.
 */
public final class Replay {

    /**
     * @param detectionTimes what the daemon itself detected at {@code threshold}
     * @param cpuSeconds     user + system CPU time of the whole replay process, JVM start included
     */
    public record Result(ScoreTrace trace, List<Double> detectionTimes, double threshold, double cpuSeconds) {
    }

    private final Path jar;
    private final Path config;
    private final Path cacheDir;

    /**
     * @param config   any valid daemon config; the model and threshold are always given on the command line
     * @param cacheDir where replays are kept (score CSV, stdout, CPU time per key)
     */
    public Replay(Path jar, Path config, Path cacheDir) {
        this.jar = jar;
        this.config = config;
        this.cacheDir = cacheDir;
    }

    public Result run(Path wav, Path model, double threshold) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("no daemon jar at " + jar + ": build it with 'mvn -q -B package -DskipTests' at the repo root");
        }
        String t = String.format(Locale.ROOT, "%.6f", threshold);
        List<Path> inputs = new ArrayList<>(List.of(jar, config, model, ModelManifest.pathFor(model), wav));
        streamingForm(model).ifPresent(inputs::add);
        String key = FileHash.of(t, inputs.toArray(Path[]::new));
        Path csv = cacheDir.resolve(key + ".csv");
        Path out = cacheDir.resolve(key + ".out");
        Path cpu = cacheDir.resolve(key + ".cpu");
        if (!Files.isRegularFile(cpu)) {
            Files.createDirectories(cacheDir);
            Path partial = cacheDir.resolve(key + ".csv.partial");
            TimedProcess.Outcome o = TimedProcess.run(List.of(javaExecutable(), "-jar", jar.toString(), "replay",
                    wav.toString(), "--config", config.toString(), "--model", model.toString(),
                    "--threshold", t, "--scores", partial.toString()));
            if (o.exitCode() != 0) {
                throw new IOException("replay of " + wav + " with " + model + " failed (exit " + o.exitCode() + "): "
                        + TimedProcess.tail(o.stderr()));
            }
            Files.move(partial, csv, StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(out, o.stdout(), StandardCharsets.UTF_8);
            Files.writeString(cpu, Double.toString(o.cpuSeconds()), StandardCharsets.UTF_8);
        }
        return new Result(ScoreTrace.read(csv), parseDetections(Files.readString(out, StandardCharsets.UTF_8)),
                threshold, Double.parseDouble(Files.readString(cpu, StandardCharsets.UTF_8).trim()));
    }

    /** The streaming form's file, which replay runs instead of {@code model} when the manifest names one. */
    private static Optional<Path> streamingForm(Path model) throws IOException {
        try {
            ModelManifest.Streaming s = ModelManifest.read(ModelManifest.pathFor(model)).streaming();
            return s == null ? Optional.empty() : Optional.of(model.resolveSibling(s.model()));
        } catch (ModelException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** stdout of replay: {@code {"time": s, "score": x}} per line; lines that are not JSON objects are an error. */
    static List<Double> parseDetections(String stdout) throws IOException {
        List<Double> times = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (line.isBlank()) continue;
            try {
                JsonObject o = JsonParser.parseString(line).getAsJsonObject();
                times.add(o.get("time").getAsDouble());
            } catch (RuntimeException e) {
                throw new IOException("replay printed a line that is not a detection: " + line);
            }
        }
        return times;
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

}
