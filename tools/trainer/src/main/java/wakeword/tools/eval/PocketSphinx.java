package wakeword.tools.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import wakeword.tools.data.Corpus;

/**
 * The peer system: PocketSphinx keyword spotting (Debian's pocketsphinx_continuous, default en-us model) over a
 * stream file, with its CPU time (user + system).
 */
public final class PocketSphinx {

    /** One keyword spotted: start and end in seconds from the file start, and the decoder's score. */
    public record Hit(double start, double end, double score) {
    }

    /** @param cpuSeconds user + system CPU time of the decoder process */
    public record Run(List<Hit> hits, double cpuSeconds) {
    }

    private static final Pattern HIT = Pattern.compile(
            "^" + Corpus.KEYWORD + "\\s+(\\d+(?:\\.\\d+)?)\\s+(\\d+(?:\\.\\d+)?)\\s+(\\S+)$");

    private final String executable;
    private final Path cacheDir;

    /**
     * @param cacheDir where finished runs are kept, keyed by the WAV's SHA-256 and the threshold (the decoder is
     *                 deterministic, and a full sweep costs tens of CPU minutes), or null to always decode
     */
    public PocketSphinx(String executable, Path cacheDir) {
        this.executable = executable;
        this.cacheDir = cacheDir;
    }

    public Run run(Path wav, double kwsThreshold) throws IOException, InterruptedException {
        Path cached = cacheDir == null ? null : cacheDir.resolve(FileHash.of(executable, wav) + "-" + threshold(kwsThreshold) + ".txt");
        if (cached != null && Files.isRegularFile(cached)) {
            List<String> lines = Files.readAllLines(cached, StandardCharsets.UTF_8);
            return new Run(parseHits(String.join("\n", lines.subList(1, lines.size()))), Double.parseDouble(lines.get(0)));
        }
        Run run = decode(wav, kwsThreshold);
        if (cached != null) {
            Files.createDirectories(cacheDir);
            StringBuilder b = new StringBuilder().append(run.cpuSeconds()).append('\n');
            for (Hit h : run.hits()) b.append(Corpus.KEYWORD).append(' ').append(h.start()).append(' ').append(h.end())
                    .append(' ').append(h.score()).append('\n');
            Path tmp = Files.createTempFile(cacheDir, "run", ".tmp");
            Files.writeString(tmp, b, StandardCharsets.UTF_8);
            Files.move(tmp, cached, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return run;
    }

    private Run decode(Path wav, double kwsThreshold) throws IOException, InterruptedException {
        TimedProcess.Outcome o;
        try {
            o = TimedProcess.run(List.of(executable, "-infile", wav.toString(), "-keyphrase", Corpus.KEYWORD,
                    "-kws_threshold", threshold(kwsThreshold), "-time", "yes", "-logfn", "/dev/null"));
        } catch (IOException e) {
            throw new IOException("cannot run " + executable + " (needs bash): " + e.getMessage(), e);
        }
        if (o.exitCode() != 0) {
            throw new IOException(executable + " failed on " + wav + " (exit " + o.exitCode() + "): "
                    + TimedProcess.tail(o.stderr())
                    + (o.exitCode() == 127 ? "; install it with: apt-get install pocketsphinx pocketsphinx-en-us" : ""));
        }
        return new Run(parseHits(o.stdout()), o.cpuSeconds());
    }

    /** The decoder's stdout: one {@code stop <start> <end> <score>} line per detection, other lines ignored. */
    static List<Hit> parseHits(String stdout) {
        List<Hit> hits = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            Matcher m = HIT.matcher(line.trim());
            if (m.matches()) {
                hits.add(new Hit(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                        Double.parseDouble(m.group(3))));
            }
        }
        return hits;
    }

    static String threshold(double t) {
        return String.format(Locale.ROOT, "%.0e", t);
    }

}
