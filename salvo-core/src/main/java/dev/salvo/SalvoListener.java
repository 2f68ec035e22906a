package dev.salvo;

/**
 * Receives {@link SalvoEvent}s as a run goes. Progress displays, metrics and logs are listeners.
 *
 * <p>Called on the engine's event-loop thread, one event at a time: an implementation must be
 * quick, must not block, and must be safe to read from other threads if it publishes state.
 */
@FunctionalInterface
public interface SalvoListener {

    /** A listener that ignores everything. */
    SalvoListener NONE = event -> { };

    void onEvent(SalvoEvent event);

    /** A listener that passes each event to this one, then to {@code next}. */
    default SalvoListener andThen(SalvoListener next) {
        if (this == NONE) {
            return next;
        }
        if (next == NONE) {
            return this;
        }
        return event -> {
            onEvent(event);
            next.onEvent(event);
        };
    }
}
