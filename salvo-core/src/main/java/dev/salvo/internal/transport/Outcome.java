package dev.salvo.internal.transport;

import dev.salvo.CapturedExchange;
import dev.salvo.ErrorType;

/** How one exchange ended: a complete response, or a failure. Immutable. */
public sealed interface Outcome {

    /**
     * A response whose body was read in full.
     *
     * @param status      HTTP status
     * @param contentType Content-Type header or null
     * @param location    Location header or null
     * @param retryAfter  Retry-After header or null
     * @param bytes       body length
     * @param sha256      lower-case hex SHA-256 of the body
     * @param body        the body when bodies are kept, otherwise null
     * @param etag        ETag header or null
     * @param lastModified Last-Modified header or null
     * @param captured    the raw exchange when exchanges are captured, otherwise null
     */
    record Response(int status, String contentType, String location, String retryAfter, long bytes,
                    String sha256, byte[] body, String etag, String lastModified,
                    CapturedExchange captured) implements Outcome {
        public Response(int status, String contentType, String location, String retryAfter, long bytes,
                        String sha256, byte[] body) {
            this(status, contentType, location, retryAfter, bytes, sha256, body, null, null, null);
        }
    }

    /**
     * No usable response.
     *
     * @param type    the kind of failure
     * @param message one line
     * @param status  the status when a response had begun (e.g. a body over the cap), else null
     * @param contentType the Content-Type of that response, or null
     * @param captured    the raw exchange as far as it went, when exchanges are captured and a
     *                    response had begun; otherwise null
     */
    record Failure(ErrorType type, String message, Integer status, String contentType,
                   CapturedExchange captured) implements Outcome {
        public Failure(ErrorType type, String message) {
            this(type, message, null, null, null);
        }

        public Failure(ErrorType type, String message, Integer status, String contentType) {
            this(type, message, status, contentType, null);
        }
    }
}
