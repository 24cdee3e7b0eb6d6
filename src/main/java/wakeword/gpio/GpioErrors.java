package wakeword.gpio;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns what Pi4J and libgpiod throw into one line that says what is wrong and what to do.
 * Pi4J only passes on libgpiod's strerror text, so the cause is recognised by its message.
 */
final class GpioErrors {
    private GpioErrors() {
    }

    static GpioException explain(Throwable failure, int pin) {
        return explain(failure, pin, Path.of("/dev"));
    }

    static GpioException explain(Throwable failure, int pin, Path devDir) {
        String all = chainText(failure).toLowerCase(Locale.ROOT);
        String message;
        if (all.contains("board model is unknown") || all.contains("no gpio chip yet initialized")
                || all.contains("couldn't identify gpiochip")) {
            message = "GPIO is not available: Pi4J does not recognise this computer as a Raspberry Pi "
                    + "(or finds no pinctrl GPIO chip); run it on the Pi, or set gpio.enabled = auto or false to only log the switch";
        } else if (all.contains("permission denied") || all.contains("operation not permitted")) {
            message = "permission denied on " + unwritableChips(devDir)
                    + ": add the user to group gpio (sudo usermod -aG gpio $USER, then log in again)";
        } else if (all.contains("resource busy") || all.contains("ebusy")) {
            message = "GPIO " + pin + " is busy: another program holds it (see `gpioinfo`); "
                    + "stop it or choose another pin in gpio.pin";
        } else if (hasLinkageError(failure)) {
            message = "cannot load Pi4J's gpiod native library (" + rootMessage(failure) + "); it needs Raspberry Pi OS "
                    + "on arm64 or armhf and a writable java.io.tmpdir";
        } else {
            message = "cannot open GPIO " + pin + " through Pi4J gpiod: " + rootMessage(failure)
                    + "; check gpio.pin and that /dev/gpiochip0 exists";
        }
        return new GpioException(message, failure);
    }

    /** Names the chips this user cannot open, or /dev/gpiochip0 when it cannot tell. */
    private static String unwritableChips(Path devDir) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> chips = Files.newDirectoryStream(devDir, "gpiochip*")) {
            for (Path chip : chips) {
                if (!Files.isReadable(chip) || !Files.isWritable(chip)) {
                    names.add(chip.toString());
                }
            }
        } catch (IOException e) {
            return devDir.resolve("gpiochip0").toString();
        }
        names.sort(null);
        return names.isEmpty() ? devDir.resolve("gpiochip0").toString() : String.join(", ", names);
    }

    private static String chainText(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null && sb.length() < 10_000; c = c.getCause()) {
            sb.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()).append('\n');
        }
        return sb.toString();
    }

    private static boolean hasLinkageError(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof LinkageError) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        for (int depth = 0; depth < 50 && root.getCause() != null; depth++) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return m.replaceAll("\\s+", " ").strip();
    }
}
