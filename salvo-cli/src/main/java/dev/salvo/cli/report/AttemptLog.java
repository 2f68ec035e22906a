package dev.salvo.cli.report;

import dev.salvo.SalvoEvent;
import dev.salvo.SalvoListener;

import java.util.function.Consumer;

/**
 * {@code --verbose}: one line for every attempt as it ends, such as
 * <pre>
 * salvo: GET http://a.example/x (attempt 2): 503 in 12 ms
 * salvo: GET http://b.example/y (attempt 1): timeout after 30.00 s
 * </pre>
 * Lines go to {@code out} on the engine thread, so a huge verbose run is slower than a quiet one.
 * Thread-safe if {@code out} is.
 */
public final class AttemptLog implements SalvoListener {

    private final String method;
    private final Consumer<String> out;

    /**
     * @param method the method requests are sent with
     * @param out    where each line goes (it clears the progress line first)
     */
    public AttemptLog(String method, Consumer<String> out) {
        this.method = method;
        this.out = out;
    }

    @Override
    public void onEvent(SalvoEvent event) {
        if (event instanceof SalvoEvent.AttemptFinished finished) {
            out.accept(line(finished));
        }
    }

    String line(SalvoEvent.AttemptFinished a) {
        String took = Summary.micros(a.elapsedNanos() / 1_000);
        String outcome;
        if (a.error() == null || (a.error() == dev.salvo.ErrorType.HTTP && a.status() != null)) {
            outcome = a.status() + " in " + took;
        } else if (a.status() != null) {
            outcome = a.error().wireName() + " (" + a.status() + ") after " + took;
        } else {
            outcome = a.error().wireName() + " after " + took;
        }
        return "salvo: " + method + " " + a.request().url() + " (attempt " + a.attempt() + "): " + outcome;
    }
}
