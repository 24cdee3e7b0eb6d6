package wakeword.model;

/** A model file or manifest that cannot be used; the message names the file, the cause and the fix. */
public final class ModelException extends Exception {
    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
