package wakeword.tools.eval;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the daemon's own {@code replay} command on a stream: the same audio reading, frontend, model and trigger
 * policy as live capture. Its detections come from stdout (one JSON object per line), its per-hop raw scores from
 * the {@code --scores} CSV.
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

    /** @param config any valid daemon config; the model and threshold are always given on the command line */
    public Replay(Path jar, Path config) {
        this.jar = jar;
        this.config = config;
    }

    public Result run(Path wav, Path model, double threshold, Path scoresCsv) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("no daemon jar at " + jar + ": build it with 'mvn -q -B package -DskipTests' at the repo root");
        }
        Files.createDirectories(scoresCsv.toAbsolutePath().getParent());
        TimedProcess.Outcome o = TimedProcess.run(List.of(javaExecutable(), "-jar", jar.toString(), "replay",
                wav.toString(), "--config", config.toString(), "--model", model.toString(),
                "--threshold", String.format(Locale.ROOT, "%.6f", threshold), "--scores", scoresCsv.toString()));
        if (o.exitCode() != 0) {
            throw new IOException("replay of " + wav + " with " + model + " failed (exit " + o.exitCode() + "): "
                    + TimedProcess.tail(o.stderr()));
        }
        return new Result(ScoreTrace.read(scoresCsv), parseDetections(o.stdout()), threshold, o.cpuSeconds());
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
