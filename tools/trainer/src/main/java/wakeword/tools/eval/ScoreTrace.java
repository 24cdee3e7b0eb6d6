package wakeword.tools.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Every hop's raw score of one replay, as written by {@code wakeword replay --scores}: {@code time,score,smoothed}
 * lines (older daemons wrote {@code time,score}); the smoothed column is left out, the sweep smooths itself.
 */
public record ScoreTrace(double[] times, float[] scores) {

    public static ScoreTrace read(Path csv) throws IOException {
        double[] t = new double[1 << 16];
        float[] s = new float[1 << 16];
        int n = 0;
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.US_ASCII)) {
            String header = in.readLine();
            if (header == null || !header.trim().startsWith("time,score")) {
                throw new IOException(csv + " does not start with the header 'time,score': is it a replay --scores file?");
            }
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank()) continue;
                int comma = line.indexOf(',');
                if (comma < 0) throw new IOException(csv + ": line " + (n + 2) + " is not 'time,score': " + line);
                if (n == t.length) {
                    t = Arrays.copyOf(t, n * 2);
                    s = Arrays.copyOf(s, n * 2);
                }
                int end = line.indexOf(',', comma + 1);
                t[n] = Double.parseDouble(line.substring(0, comma));
                s[n] = Float.parseFloat(line.substring(comma + 1, end < 0 ? line.length() : end));
                n++;
            }
        } catch (NumberFormatException e) {
            throw new IOException(csv + " has a value that is not a number: " + e.getMessage());
        }
        return new ScoreTrace(Arrays.copyOf(t, n), Arrays.copyOf(s, n));
    }

    public int length() {
        return scores.length;
    }
}
