package wakeword.tools.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a command under bash and reads its CPU time (user + system, the command and its children) from the shell's
 * {@code times} builtin, so no extra timing tool is needed on the machine.
 */
final class TimedProcess {

    /** @param stderr the command's stderr, without the timing lines */
    record Outcome(int exitCode, String stdout, String stderr, double cpuSeconds) {
    }

    private static final Pattern TIMES = Pattern.compile("^(\\d+)m(\\d+(?:\\.\\d+)?)s\\s+(\\d+)m(\\d+(?:\\.\\d+)?)s\\s*$");
    private static final String MARK = "==times==";

    private TimedProcess() {}

    static Outcome run(List<String> command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", "\"$0\" \"$@\"; rc=$?; echo " + MARK + " >&2; times >&2; exit $rc"));
        cmd.addAll(command);
        Path err = Files.createTempFile("timed", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int rc = p.waitFor();
            String all = Files.readString(err, StandardCharsets.UTF_8);
            int mark = all.lastIndexOf(MARK);
            if (mark < 0) throw new IOException(command.get(0) + " did not finish normally: " + tail(all));
            return new Outcome(rc, out, all.substring(0, mark), childCpu(all.substring(mark)));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** {@code times} prints the shell's own user/system times, then its children's: the last such line is ours. */
    static double childCpu(String timesOutput) throws IOException {
        String[] lines = timesOutput.split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            Matcher m = TIMES.matcher(lines[i].trim());
            if (m.matches()) {
                return Integer.parseInt(m.group(1)) * 60 + Double.parseDouble(m.group(2))
                        + Integer.parseInt(m.group(3)) * 60 + Double.parseDouble(m.group(4));
            }
        }
        throw new IOException("no CPU times in: " + tail(timesOutput));
    }

    static String tail(String s) {
        String t = s.strip();
        return t.length() > 400 ? "..." + t.substring(t.length() - 400) : t;
    }
}
