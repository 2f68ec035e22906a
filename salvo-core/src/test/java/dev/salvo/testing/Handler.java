package dev.salvo.testing;

import java.io.IOException;

/**
 * Answers (or pointedly fails to answer) one request. Install one with
 * {@link MisbehavingServer#route(String, Handler)}.
 *
 * <p>Handlers run on the connection's own virtual thread, one request at a time per connection but
 * concurrently across connections, so any state a handler keeps must be thread-safe.
 *
 * <p>An {@link IOException} (usually the client hanging up) simply ends the connection. An
 * {@link IllegalArgumentException} is answered with 400 and any other runtime exception with 500
 * if no response has started yet; either way the connection is then closed.
 */
@FunctionalInterface
public interface Handler {
    void handle(Exchange exchange) throws IOException;
}
