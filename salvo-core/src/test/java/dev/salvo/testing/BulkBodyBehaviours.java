package dev.salvo.testing;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Built-in handlers for large bodies of {@link BodyPattern} bytes, streamed in constant memory
 * so tests can fetch gigabytes. A client hanging up mid-body just ends the connection.
 * Stateless and thread-safe.
 */
final class BulkBodyBehaviours {

    private static final String OCTETS = "Content-Type: application/octet-stream";

    private BulkBodyBehaviours() {
    }

    /** {@code /bytes/{n}}: exactly n bytes with {@code Content-Length}. */
    static void fixedLength(Exchange exchange) throws IOException {
        long length = RouteArgs.number(exchange.request(), 1);
        OutputStream out = exchange.startBody(200, length, OCTETS);
        BodyPattern.write(out, length);
        out.flush();
    }

    /** {@code /bytes-chunked/{n}}: exactly n bytes with chunked transfer-encoding. */
    static void chunked(Exchange exchange) throws IOException {
        long length = RouteArgs.number(exchange.request(), 1);
        try (OutputStream out = exchange.startChunkedBody(200, OCTETS)) {
            BodyPattern.write(out, length);
        }
    }
}
