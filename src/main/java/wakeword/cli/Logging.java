package wakeword.cli;

import java.util.Locale;
import org.tinylog.configuration.Configuration;

/**
 * tinylog set up from the command line, before anything logs. The daemon logs to stdout for journald
 * (which adds its own timestamps); replay keeps stdout for its JSON and logs to stderr.
 */
final class Logging {

    private Logging() {
    }

    static void configure(String level, boolean toStderr) {
        if (Configuration.isFrozen()) {
            return;
        }
        Configuration.set("writer", "console");
        Configuration.set("writer.level", level.toLowerCase(Locale.ROOT));
        Configuration.set("writer.stream", toStderr ? "err" : "out");
        Configuration.set("writer.format", "{level}: {message}");
    }
}
