package wakeword.cli;

/** Exit statuses, so scripts and systemd can tell failures apart. */
public final class ExitStatus {
    public static final int OK = 0;
    /** A bug: an exception nobody expected; its stack trace is printed. */
    public static final int INTERNAL = 1;
    /** Bad command line or bad config file. */
    public static final int CONFIG = 2;
    /** The model or its manifest cannot be used. */
    public static final int MODEL = 3;
    /** The audio input cannot be opened or read. */
    public static final int AUDIO = 4;
    /** The GPIO pin cannot be driven. */
    public static final int GPIO = 5;

    private ExitStatus() {
    }
}
