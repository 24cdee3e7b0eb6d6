package wakeword.tools.train;

/** A problem with what the user asked for (arguments, data folder): reported as one line, without a stack trace. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
