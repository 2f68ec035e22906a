package dev.salvo.internal.transport;

import dev.salvo.CapturedExchange;
import dev.salvo.ErrorType;
import dev.salvo.FetchResult;
import dev.salvo.internal.policy.RateLimitHeaders;

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
     * @param etag        ETag header or null
     * @param lastModified Last-Modified header or null
     * @param captured    the raw exchange when exchanges are captured, otherwise null
     * @param rateLimit   the rate-limit fields the server sent, or null when it sent none
     */
    record Response(int status, String contentType, String location, String retryAfter, long bytes,
                    String sha256, byte[] body, long wireBytes, Map<String, List<String>> headers,
                    FetchResult.Timings timings, String etag, String lastModified, CapturedExchange captured,
                    RateLimitHeaders.Fields rateLimit)
            implements Outcome {

        /** A response without rate-limit fields. */
        public Response(int status, String contentType, String location, String retryAfter, long bytes,
                        String sha256, byte[] body, long wireBytes, Map<String, List<String>> headers,
                        FetchResult.Timings timings, String etag, String lastModified, CapturedExchange captured) {
            this(status, contentType, location, retryAfter, bytes, sha256, body, wireBytes, headers, timings, etag,
                    lastModified, captured, null);
        }

        /** This response with the rate-limit fields read by {@code header} (a lookup by name). */
        public Response withRateLimit(java.util.function.Function<String, String> header) {
            RateLimitHeaders.Fields fields = RateLimitHeaders.Fields.of(header);
            return fields == null ? this : new Response(status, contentType, location, retryAfter, bytes, sha256, body,
                    wireBytes, headers, timings, etag, lastModified, captured, fields);
        }

        /** A response without validators or a captured exchange. */
        public Response(int status, String contentType, String location, String retryAfter, long bytes,
                        String sha256, byte[] body, long wireBytes, Map<String, List<String>> headers,
                        FetchResult.Timings timings) {
            this(status, contentType, location, retryAfter, bytes, sha256, body, wireBytes, headers, timings, null,
                    null, null);
        }

        /** A response whose body was not decoded and whose headers were not kept. */
        public Response(int status, String contentType, String location, String retryAfter, long bytes,
                        String sha256, byte[] body) {
            this(status, contentType, location, retryAfter, bytes, sha256, body, bytes, null, null, null, null, null);
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
