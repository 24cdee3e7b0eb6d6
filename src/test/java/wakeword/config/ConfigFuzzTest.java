package wakeword.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random mutations of the shipped config: whatever the text, the parser either returns a
 * Config or throws a ConfigException with a one-line message, never anything else.
 */
class ConfigFuzzTest {

    private static final String[] TOKENS = {
        "", " ", "=", "==", "#", "-", "+", ".", "0", "1", "-1", "0.5", "1e3", "1e-9999", "1e400", "NaN",
        "Infinity", "-0", "00017", "2147483648", "99999999999999999999", "0x10", "1_000", "true", "TRUE",
        "false", "yes", "alsa", "toggle", "pulse", "latch", "fixed", "float", "debug", "a.wav", "a.tflite",
        "/", "\\", "\"", "'", "\u0000", "\t", "\r", "\n", "\u00e9", "\uFEFF", "\uD83D\uDE00", "\uD800",
        "gpio.", "gpio.pin", "threshold", "model", ".tflite", ".wav", "\u0085", "\u2028",
    };

    private static String randomToken(Random rnd) {
        if (rnd.nextInt(4) == 0) {
            StringBuilder sb = new StringBuilder();
            int n = rnd.nextInt(12);
            for (int i = 0; i < n; i++) {
                sb.append((char) rnd.nextInt(rnd.nextBoolean() ? 128 : 0x10000));
            }
            return sb.toString();
        }
        return TOKENS[rnd.nextInt(TOKENS.length)];
    }

    private static String mutate(List<String> lines, Random rnd) {
        List<String> out = new ArrayList<>(lines);
        int edits = 1 + rnd.nextInt(6);
        for (int e = 0; e < edits; e++) {
            int at = rnd.nextInt(out.size());
            String line = out.get(at);
            switch (rnd.nextInt(8)) {
                case 0 -> out.remove(at);
                case 1 -> out.add(rnd.nextInt(out.size() + 1), line);
                case 2 -> out.set(at, line.contains("=") ? line.substring(0, line.indexOf('=') + 1) + " " + randomToken(rnd) : randomToken(rnd));
                case 3 -> {
                    int pos = line.isEmpty() ? 0 : rnd.nextInt(line.length() + 1);
                    out.set(at, line.substring(0, pos) + randomToken(rnd) + line.substring(pos));
                }
                case 4 -> {
                    if (!line.isEmpty()) {
                        int pos = rnd.nextInt(line.length());
                        out.set(at, line.substring(0, pos) + line.substring(pos + 1));
                    }
                }
                case 5 -> out.set(at, line.startsWith("# ") ? line.substring(2) : "#" + line);
                case 6 -> out.set(at, randomToken(rnd) + " = " + randomToken(rnd));
                default -> out.add(rnd.nextInt(out.size() + 1), ConfigParser.keys().get(rnd.nextInt(ConfigParser.keys().size()))
                        + " = " + randomToken(rnd));
            }
            if (out.isEmpty()) {
                out.add("");
            }
        }
        return String.join(rnd.nextInt(10) == 0 ? "\r\n" : "\n", out);
    }

    /** Returns whether the text was accepted; fails on anything but a good ConfigException. */
    private static boolean parsesOrFailsCleanly(String text, long seed) {
        try {
            assertNotNull(ConfigParser.parse(text, "fuzz.conf"));
            return true;
        } catch (ConfigException e) {
            String m = e.getMessage();
            assertTrue(m.startsWith("fuzz.conf:"), "seed " + seed + ": " + m);
            assertFalse(m.contains("\n") || m.contains("\r"), "seed " + seed + ": multi-line message: " + m);
            return false;
        } catch (RuntimeException | Error e) {
            return fail("seed " + seed + ": " + e + " escaped for text:\n" + text, e);
        }
    }

    @Test
    void mutatedShippedConfigOnlyEverThrowsConfigException() throws IOException {
        List<String> lines = Files.readAllLines(ConfigParserTest.repo().resolve("config/wakeword.conf"));
        int accepted = 0;
        int rejected = 0;
        for (long seed = 0; seed < 20_000; seed++) {
            if (parsesOrFailsCleanly(mutate(lines, new Random(seed)), seed)) {
                accepted++;
            } else {
                rejected++;
            }
        }
        // Both outcomes must occur, or the mutations are not exercising the parser.
        assertTrue(accepted > 1000 && rejected > 1000, "accepted " + accepted + ", rejected " + rejected);
    }

    @Test
    void randomBytesInAFileOnlyEverThrowConfigException(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("random.conf");
        for (long seed = 0; seed < 2_000; seed++) {
            Random rnd = new Random(seed);
            byte[] bytes = new byte[rnd.nextInt(300)];
            rnd.nextBytes(bytes);
            Files.write(file, bytes);
            try {
                ConfigParser.parse(file);
            } catch (ConfigException e) {
                assertFalse(e.getMessage().contains("\n"), "seed " + seed + ": " + e.getMessage());
            } catch (RuntimeException | Error e) {
                fail("seed " + seed + ": " + e + " escaped", e);
            }
        }
    }
}
