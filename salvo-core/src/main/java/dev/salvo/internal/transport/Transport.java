package dev.salvo.internal.transport;

import java.util.function.Consumer;

/**
 * Sends exchanges. Implementations enforce the attempt timeout, the connect timeout and the body
 * cap, and count and hash bodies as they stream.
 *
 * <p>{@link #send} must be called on the engine's event-loop thread, and calls {@code done} exactly
 * once on that same thread.
 */
public interface Transport extends AutoCloseable {

    /** Starts an exchange; the returned handle aborts it (done then gets a failure). */
    InFlight send(Exchange exchange, Consumer<Outcome> done);

    /**
     * Finds the address an exchange to {@code target} would connect to first (the first of its
     * resolved addresses in Happy Eyeballs order), for limits per address. {@code done} gets the
     * address as text, or null when it cannot be known here (the name does not resolve, or a proxy
     * resolves it); it is called exactly once, on the event-loop thread (possibly within this
     * call). Answers come from the same resolver and cache the exchanges use. By default: nothing
     * known.
     */
    default void firstAddress(dev.salvo.internal.url.Target target, Consumer<String> done) {
        done.accept(null);
    }

    /** Closes connections and frees resources. */
    @Override
    void close();

    /** An exchange under way. */
    interface InFlight {
        /** Aborts the exchange; {@code done} is called with a failure of the given type if it has not been. */
        void abort(dev.salvo.ErrorType type, String message);
    }
}
