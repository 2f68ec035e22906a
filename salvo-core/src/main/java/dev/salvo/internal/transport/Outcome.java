package dev.salvo.internal.transport;

import dev.salvo.ErrorType;
import dev.salvo.FetchResult;

import java.util.List;
import java.util.Map;

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
     * @param wireBytes   body bytes as received, before any decoding
     * @param headers     all headers (lower-case names, values in order) when kept, otherwise null
     * @param timings     where the time went, or null when not measured
     */
    record Response(int status, String contentType, String location, String retryAfter, long bytes,
                    String sha256, byte[] body, long wireBytes, Map<String, List<String>> headers,
                    FetchResult.Timings timings)
            implements Outcome {

        /** A response whose body was not decoded and whose headers were not kept. */
        public Response(int status, String contentType, String location, String retryAfter, long bytes,
                        String sha256, byte[] body) {
            this(status, contentType, location, retryAfter, bytes, sha256, body, bytes, null, null);
        }
    }

    /**
     * No usable response.
     *
     * @param type    the kind of failure
     * @param message one line
     * @param status  the status when a response had begun (e.g. a body over the cap), else null
     * @param contentType the Content-Type of that response, or null
     */
    record Failure(ErrorType type, String message, Integer status, String contentType) implements Outcome {
        public Failure(ErrorType type, String message) {
            this(type, message, null, null);
        }
    }
}
