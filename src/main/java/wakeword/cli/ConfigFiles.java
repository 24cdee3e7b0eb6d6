package wakeword.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import wakeword.config.Config;
import wakeword.config.ConfigException;
import wakeword.config.ConfigParser;

/** Finds and reads the config file; relative paths in it are taken from its own directory. */
final class ConfigFiles {

    static final Path INSTALLED = Path.of("/etc/wakeword/wakeword.conf");
    static final Path IN_REPOSITORY = Path.of("config/wakeword.conf");

    private ConfigFiles() {
    }

    /** The file given, else the installed one, else the repository's (for running from a checkout). */
    static Path locate(Path explicit) {
        if (explicit != null) return explicit;
        if (Files.exists(INSTALLED)) return INSTALLED;
        if (Files.exists(IN_REPOSITORY)) return IN_REPOSITORY;
        throw new ConfigException("no config file: neither " + INSTALLED + " nor " + IN_REPOSITORY
                + " exists; pass --config FILE (config/wakeword.conf in the repository is a documented template)");
    }

    static Config load(Path file) {
        Path absolute = file.toAbsolutePath();
        return ConfigParser.parse(absolute).resolvedAgainst(absolute.getParent());
    }
}
