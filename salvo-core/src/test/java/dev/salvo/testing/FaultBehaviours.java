package dev.salvo.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Built-in handlers that fail at the transport level: stalls, trickled bodies, resets, EOFs and
 * bytes that are not HTTP. All waits go through {@link Exchange#pause}, so closing the server
 * cuts them short. Stateless and thread-safe.
 */
final class FaultBehaviours {

    /** How many pieces {@code /slowbody} splits its body into. */
    private static final int TRICKLE_PIECES = 10;

    private FaultBehaviours() {
    }

    /** {@code /slow/{millis}/...}: waits, then answers 200. */
    static void slow(Exchange exchange) throws IOException {
        exchange.pause(Duration.ofMillis(RouteArgs.number(exchange.request(), 1)));
        exchange.respond(200, "slow " + exchange.request().path() + "\n");
    }

    /** {@code /slowbody/{millis}/...}: sends headers at once, then the body in pieces over millis. */
    static void slowBody(Exchange exchange) throws IOException {
        long millis = RouteArgs.number(exchange.request(), 1);
        byte[] body = ("slow body for " + exchange.request().path() + "\n").getBytes(StandardCharsets.UTF_8);
        OutputStream out = exchange.startBody(200, body.length, "Content-Type: text/plain; charset=utf-8");
        int pieces = Math.min(TRICKLE_PIECES, body.length);
        for (int i = 0; i < pieces; i++) {
            exchange.pause(Duration.ofMillis(millis / pieces));   // pause flushes the previous piece
            int from = body.length * i / pieces;
            int to = body.length * (i + 1) / pieces;
            out.write(body, from, to - from);
        }
        out.flush();
    }

    /** {@code /reset/...}: reads the request, then aborts the connection with a TCP RST. */
    static void reset(Exchange exchange) throws IOException {
        exchange.resetConnection();
    }

    /** {@code /close/...}: reads the request, then closes the connection without answering. */
    static void close(Exchange exchange) throws IOException {
        exchange.closeConnection();
    }

    /** {@code /garbage/...}: answers with a line that is not an HTTP status line, then closes. */
    static void garbage(Exchange exchange) throws IOException {
        exchange.rawOutput().write("SALVO-GARBAGE this is not an HTTP response\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        exchange.closeConnection();
    }
}
