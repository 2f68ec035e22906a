package dev.salvo.cli.resume;

/** {@code --resume} was refused; the message is one line saying why and what to do. */
public final class CannotResume extends RuntimeException {

    public CannotResume(String message) {
        super(message, null, false, false);
    }
}
