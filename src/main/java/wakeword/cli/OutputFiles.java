package wakeword.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import wakeword.config.ConfigException;

/** Files the CLI writes where the user says: every reason one cannot be written becomes one line with the fix. */
final class OutputFiles {

    private OutputFiles() {
    }

    /** Opens {@code file} for writing (replacing it), for the option {@code option} that named it. */
    static BufferedWriter open(Path file, String option) {
        checkWritable(file, option);
        try {
            return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw cannotWrite(file, option, e);
        }
    }

    /** Fails, with the reason, when {@code file} could not be created or replaced. */
    static void checkWritable(Path file, String option) {
        Path absolute = file.toAbsolutePath();
        Path parent = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            throw new ConfigException(option + " " + file + " is a folder; give a file name, such as "
                    + file.resolve("out.csv"));
        }
        if (parent != null && !Files.isDirectory(parent)) {
            throw new ConfigException(option + " " + file + ": the folder " + parent + " does not exist; create it"
                    + " (mkdir -p " + parent + ") or choose another path");
        }
        if (Files.exists(absolute) ? !Files.isWritable(absolute) : parent != null && !Files.isWritable(parent)) {
            throw new ConfigException(option + " " + file + ": permission denied; choose a path this user may write"
                    + " (or change its permissions)");
        }
    }

    static ConfigException cannotWrite(Path file, String option, IOException e) {
        String why = e instanceof AccessDeniedException ? "permission denied"
                : e instanceof NoSuchFileException ? "no such folder" : String.valueOf(e.getMessage());
        return new ConfigException("cannot write " + option + " " + file + " (" + why + "); choose a path this user"
                + " may write");
    }
}
