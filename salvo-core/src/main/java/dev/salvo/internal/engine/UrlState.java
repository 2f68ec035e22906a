package dev.salvo.internal.engine;

/**
 * The states of one URL's life in the engine, and the moves between them that are legal. Every
 * change of a {@link Job}'s state goes through {@link Job#moveTo}, which refuses any other move,
 * so a path through the engine that would, say, finish a URL twice or start an attempt for a
 * finished one fails at once instead of corrupting counts.
 *
 * <pre>
 *   NEW                ──▶ QUEUED, or DONE (invalid URL; admitted after stop)
 *   QUEUED             ──▶ IN_FLIGHT (a new attempt starts), or DONE (circuit open; stopped)
 *   IN_FLIGHT          ──▶ REDIRECTED_WAITING, WAITING_RETRY, or DONE
 *   REDIRECTED_WAITING ──▶ IN_FLIGHT (the same attempt goes on), or DONE (circuit open; stopped)
 *   WAITING_RETRY      ──▶ QUEUED, or DONE (stopped)
 * </pre>
 *
 * <p>Which permits a state holds: IN_FLIGHT holds a lease on its host (one of its per-host and
 * global slots, and the circuit's probe permit when it is the probe); every other state holds
 * nothing. An attempt is open (started, not yet finished) in IN_FLIGHT and REDIRECTED_WAITING.
 *
 * <p>Immutable; thread-safe.
 */
enum UrlState {
    /** Read from the input, not yet given to the engine. */
    NEW,
    /** In its host's queue, waiting for the limits to let a new attempt start. */
    QUEUED,
    /** An attempt (or one of its redirect hops) is on the wire, holding its host lease. */
    IN_FLIGHT,
    /**
     * Its attempt was redirected and waits, first in line, in the next hop's host queue (the same
     * host or another); it holds nothing, and its next start continues the same attempt.
     */
    REDIRECTED_WAITING,
    /** Its attempt failed and a retry timer runs; it holds nothing and sits in no queue. */
    WAITING_RETRY,
    /** Its one result has been delivered. */
    DONE;

    /** Whether moving from this state to {@code next} is legal. */
    boolean canMoveTo(UrlState next) {
        return switch (this) {
            case NEW -> next == QUEUED || next == DONE;
            case QUEUED -> next == IN_FLIGHT || next == DONE;
            case IN_FLIGHT -> next == REDIRECTED_WAITING || next == WAITING_RETRY || next == DONE;
            case REDIRECTED_WAITING -> next == IN_FLIGHT || next == DONE;
            case WAITING_RETRY -> next == QUEUED || next == DONE;
            case DONE -> false;
        };
    }

    /** True while an attempt has started and not finished: it owes an AttemptFinished event. */
    boolean attemptOpen() {
        return this == IN_FLIGHT || this == REDIRECTED_WAITING;
    }
}
