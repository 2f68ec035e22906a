package dev.salvo.internal.policy;

import dev.salvo.ErrorType;

import java.util.Set;

/**
 * The one place that decides what is worth another attempt. Pure functions; thread-safe.
 */
public final class RetryRules {

    private static final Set<String> IDEMPOTENT_METHODS = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE");

    private RetryRules() {
    }

    /**
     * Transient failures are retried: the connection could not be made, was reset, or timed out.
     * Invalid URLs, DNS failures, TLS verification failures, protocol errors, oversized bodies and
     * redirect loops would fail the same way again.
     */
    public static boolean isRetryable(ErrorType error) {
        return switch (error) {
            case CONNECT, RESET, TIMEOUT -> true;
            default -> false;
        };
    }

    /** 408 Request Timeout, 429 Too Many Requests and the 5xx statuses that mean "try later". */
    public static boolean isRetryableStatus(int status) {
        return switch (status) {
            case 408, 429, 500, 502, 503, 504 -> true;
            default -> false;
        };
    }

    /** Statuses whose Retry-After header the engine honours as a minimum wait. */
    public static boolean honoursRetryAfter(int status) {
        return status == 429 || status == 503;
    }

    /** Only methods that may safely be sent twice are retried (RFC 9110 section 9.2.2). */
    public static boolean isIdempotent(String method) {
        return IDEMPOTENT_METHODS.contains(method);
    }

    /**
     * Whether an attempt counts against the host's circuit: transient failures, 408 and 5xx do; a
     * 429 does not, because the server is answering and pacing us with Retry-After, which the
     * engine honours by pausing the host, and opening the circuit would fight that pacing.
     */
    public static boolean countsAsHostFailure(Integer status, ErrorType error) {
        if (status != null) {
            return status >= 500 || status == 408;
        }
        return error != null && isRetryable(error);
    }
}
