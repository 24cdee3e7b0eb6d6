package wakeword.config;

/**
 * A configuration problem, with a single-line message meant for the user: it names the file,
 * the line, the key and what is allowed, so the CLI can print it as it is and exit.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
