package dev.salvo;

import java.time.Duration;

/** Things that happened during a run, named in the past tense. */
public sealed interface SalvoEvent {

    /** An attempt was sent. {@code attempt} counts from 1. */
    record AttemptStarted(FetchRequest request, int attempt, String host) implements SalvoEvent { }

    /**
     * An attempt ended. {@code status} is null when no response arrived; {@code error} is null
     * for a 2xx response.
     */
    record AttemptFinished(FetchRequest request, int attempt, String host, Integer status, ErrorType error,
                           long elapsedNanos) implements SalvoEvent { }

    /** A failed attempt will be retried after {@code delay}; it holds no slot while it waits. */
    record RetryScheduled(FetchRequest request, int failedAttempt, Duration delay, String reason)
            implements SalvoEvent { }

    /** A host answered 429/503 with Retry-After; no request goes to it until {@code delay} passes. */
    record HostPaused(String host, Duration delay) implements SalvoEvent { }

    /** A host's circuit opened after too many consecutive failures. */
    record CircuitOpened(String host) implements SalvoEvent { }

    /** A host's cool-down ended and one probe request was let through. */
    record CircuitHalfOpened(String host) implements SalvoEvent { }

    /** A host's probe succeeded and its circuit closed again. */
    record CircuitClosed(String host) implements SalvoEvent { }

    /** A request reached its one and only result. */
    record ResultProduced(FetchResult result) implements SalvoEvent { }
}
