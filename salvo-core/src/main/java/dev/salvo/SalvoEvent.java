package dev.salvo;

import java.time.Duration;

/** Things that happened during a run, named in the past tense. */
public sealed interface SalvoEvent {

    /**
     * An attempt was sent. {@code attempt} counts from 1; {@code host} is the host and port it
     * was sent to and counted against. Every AttemptStarted is followed by exactly one
     * {@link AttemptFinished} for the same request, attempt and host.
     */
    record AttemptStarted(FetchRequest request, int attempt, String host) implements SalvoEvent { }

    /**
     * An attempt ended. {@code status} is null when no response arrived; {@code error} is null
     * for a 2xx response. {@code host} is that of its {@link AttemptStarted}, even when redirects
     * took the attempt to another host.
     */
    record AttemptFinished(FetchRequest request, int attempt, String host, Integer status, ErrorType error,
                           long elapsedNanos) implements SalvoEvent { }

    /**
     * A failed attempt will be retried after {@code delay}; it holds no slot while it waits. The
     * retry goes to the request's own URL, so counts against {@code host} (its host and port).
     */
    record RetryScheduled(FetchRequest request, int failedAttempt, Duration delay, String reason, String host)
            implements SalvoEvent {
        /** Without the host, for listeners' tests. */
        public RetryScheduled(FetchRequest request, int failedAttempt, Duration delay, String reason) {
            this(request, failedAttempt, delay, reason, null);
        }
    }

    /**
     * A host answered 429/503 with Retry-After, or any answer whose rate-limit fields (RateLimit,
     * RateLimit-Remaining, X-RateLimit-Remaining) said nothing remains; no request goes to it
     * until {@code delay} passes.
     */
    record HostPaused(String host, Duration delay) implements SalvoEvent { }

    /**
     * With {@code adaptive}: a host's in-flight limit was set to {@code limit} (between 1 and the
     * per-host cap): when the engine takes the host in, then each time it shrinks on signs of
     * overload or grows while answers stay fast. {@code host} is the host key.
     */
    record HostLimitChanged(String host, int limit) implements SalvoEvent { }

    /** A host's circuit opened after too many consecutive failures. */
    record CircuitOpened(String host) implements SalvoEvent { }

    /** A host's cool-down ended and one probe request was let through. */
    record CircuitHalfOpened(String host) implements SalvoEvent { }

    /**
     * A host's circuit closed again: its probe succeeded, or the engine forgot the host once its
     * cool-down had passed (a forgotten host starts with a closed circuit). Each CircuitOpened is
     * followed by one CircuitClosed for its host by the end of the run, so counts come back down.
     */
    record CircuitClosed(String host) implements SalvoEvent { }

    /**
     * A request reached its one and only result. {@code host} is its URL's host and port (the
     * key the engine schedules it under), or null when the URL is invalid.
     */
    record ResultProduced(FetchResult result, String host) implements SalvoEvent {
        /** Without the host, for listeners' tests. */
        public ResultProduced(FetchResult result) {
            this(result, null);
        }
    }
}
