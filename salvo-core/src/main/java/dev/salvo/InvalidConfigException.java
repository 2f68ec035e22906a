package dev.salvo;

/**
 * A configuration that Salvo cannot run with, found while it sets a run up rather than when the
 * configuration was built: a CA file that holds no certificate, say, or a client key that does
 * not parse. The message is one line that names the setting and the file.
 */
public final class InvalidConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
