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

    /** Closes connections and frees resources. */
    @Override
    void close();

    /** An exchange under way. */
    interface InFlight {
        /** Aborts the exchange; {@code done} is called with a failure of the given type if it has not been. */
        void abort(dev.salvo.ErrorType type, String message);
    }
}
