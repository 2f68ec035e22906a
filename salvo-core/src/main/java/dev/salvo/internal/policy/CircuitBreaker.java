package dev.salvo.internal.policy;

/**
 * A per-host circuit breaker: {@link State#CLOSED} lets requests through;
 * after {@code failureThreshold} consecutive failed attempts it turns {@link State#OPEN} and
 * rejects them; once {@code cooldownNanos} have passed it is {@link State#HALF_OPEN} and lets one
 * probe through, closing again if the probe succeeds and re-opening if it fails.
 *
 * <p>Legal transitions: CLOSED to OPEN; OPEN to HALF_OPEN; HALF_OPEN to CLOSED or OPEN.
 * Outcomes of requests that were already in flight when the circuit opened are ignored: only the
 * probe decides a half-open circuit.
 *
 * <p>Pure state machine over the time passed in. Not thread-safe: used from the engine thread.
 */
public final class CircuitBreaker {

    /** The breaker's states. */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    /** The answer to "may a request go now?". */
    public enum Permission {
        /** Closed: go. */
        ALLOW,
        /** Half-open: go as the single probe; report its outcome with {@code probe = true}. */
        PROBE,
        /** Half-open with its probe still out: wait for the probe's outcome. */
        WAIT,
        /** Open: fail the request now. */
        REJECT
    }

    /** What an outcome did to the state, so the engine can tell its listeners. */
    public enum Transition { NONE, OPENED, HALF_OPENED, CLOSED }

    private final int failureThreshold;
    private final long cooldownNanos;
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long openedAtNanos;
    private boolean probeOut;
    private Transition lastPermitTransition = Transition.NONE;

    /** {@code failureThreshold} 0 makes a breaker that never opens. */
    public CircuitBreaker(int failureThreshold, long cooldownNanos) {
        this.failureThreshold = failureThreshold;
        this.cooldownNanos = cooldownNanos;
    }

    /** The state at {@code now}: an open circuit whose cool-down has passed reads as half-open. */
    public State state(long nowNanos) {
        if (state == State.OPEN && nowNanos - openedAtNanos >= cooldownNanos) {
            return State.HALF_OPEN;
        }
        return state;
    }

    /** The state as last changed, without applying the cool-down. */
    public State storedState() {
        return state;
    }

    /** True when the breaker holds no memory worth keeping: closed with no recent failures. */
    public boolean isPristine() {
        return state == State.CLOSED && consecutiveFailures == 0;
    }

    /**
     * True when forgetting this breaker changes nothing a new one would do differently: closed
     * with no recent failures, or open with its cool-down over and no probe out.
     */
    public boolean isForgettable(long nowNanos) {
        return isPristine() || (state == State.OPEN && nowNanos - openedAtNanos >= cooldownNanos);
    }

    /** True while half-open with its probe out: nothing else may go until the probe ends. */
    public boolean isAwaitingProbe() {
        return state == State.HALF_OPEN && probeOut;
    }

    /** Nanoseconds until an open circuit lets a probe through (0 if not open). */
    public long nanosUntilProbe(long nowNanos) {
        return state == State.OPEN ? Math.max(0, openedAtNanos + cooldownNanos - nowNanos) : 0;
    }

    /**
     * Asks to send one request at {@code now}. A {@link Permission#PROBE} answer marks the probe
     * as out (and may move OPEN to HALF_OPEN; see {@link #lastPermitTransition}).
     */
    public Permission acquire(long nowNanos) {
        lastPermitTransition = Transition.NONE;
        switch (state) {
            case CLOSED:
                return Permission.ALLOW;
            case OPEN:
                if (nowNanos - openedAtNanos < cooldownNanos) {
                    return Permission.REJECT;
                }
                state = State.HALF_OPEN;
                lastPermitTransition = Transition.HALF_OPENED;
                probeOut = false;
                // fall through: half-open now
            case HALF_OPEN:
            default:
                if (probeOut) {
                    return Permission.WAIT;
                }
                probeOut = true;
                return Permission.PROBE;
        }
    }

    /** The transition the last {@link #acquire} caused (HALF_OPENED or NONE). */
    public Transition lastPermitTransition() {
        return lastPermitTransition;
    }

    /** Reports an attempt that did not count as a failure. */
    public Transition onSuccess(boolean probe) {
        if (state == State.CLOSED) {
            consecutiveFailures = 0;
            return Transition.NONE;
        }
        if (state == State.HALF_OPEN && probe) {
            state = State.CLOSED;
            consecutiveFailures = 0;
            probeOut = false;
            return Transition.CLOSED;
        }
        return Transition.NONE;
    }

    /** Reports a failed attempt (a transient failure or a 5xx) at {@code now}. */
    public Transition onFailure(boolean probe, long nowNanos) {
        if (failureThreshold <= 0) {
            return Transition.NONE;
        }
        if (state == State.CLOSED) {
            if (++consecutiveFailures >= failureThreshold) {
                return open(nowNanos);
            }
            return Transition.NONE;
        }
        if (state == State.HALF_OPEN && probe) {
            return open(nowNanos);
        }
        return Transition.NONE;
    }

    private Transition open(long nowNanos) {
        state = State.OPEN;
        openedAtNanos = nowNanos;
        probeOut = false;
        return Transition.OPENED;
    }
}
