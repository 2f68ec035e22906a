package dev.salvo.cli;

/**
 * A problem the user can fix, found after the arguments parsed: an input file that cannot be
 * read, an output that cannot be written, a setting the engine refuses. Ends the command with
 * exit status 2 and this one-line message.
 */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message, null, false, false);
    }
}
