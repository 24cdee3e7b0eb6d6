package wakeword.cli;

import picocli.CommandLine;
import wakeword.audio.AudioException;
import wakeword.config.ConfigException;
import wakeword.gpio.GpioException;
import wakeword.model.ModelException;

/**
 * Turns the failures a user can fix into one line on stderr and a distinct exit status; the message of
 * each of these exceptions already names the cause and the fix, so a stack trace would only hide it.
 */
final class FailureHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        int status = statusOf(e);
        if (status == ExitStatus.INTERNAL) {
            cli.getErr().println("wakeword: internal error (please report it with this trace):");
            e.printStackTrace(cli.getErr());
        } else {
            cli.getErr().println("wakeword: error: " + oneLine(e.getMessage()));
        }
        cli.getErr().flush();
        return status;
    }

    /**
     * The message on one line: some come with a library's text inside, and Gson, for one, appends a
     * troubleshooting link on a line of its own, which would split the error and leave the fix on a line
     * that no longer says it is an error.
     */
    static String oneLine(String message) {
        return String.valueOf(message).strip().replaceAll("\\s*\\R\\s*", " ");
    }

    static int statusOf(Throwable e) {
        if (e instanceof ConfigException) return ExitStatus.CONFIG;
        if (e instanceof ModelException) return ExitStatus.MODEL;
        if (e instanceof AudioException) return ExitStatus.AUDIO;
        if (e instanceof GpioException) return ExitStatus.GPIO;
        return ExitStatus.INTERNAL;
    }
}
