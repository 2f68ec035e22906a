package dev.salvo.internal.policy;

/**
 * A per-host circuit breaker: {@link State#CLOSED} lets requests through;
 * after {@code failureThreshold} consecutive failed attempts it turns {@link State#OPEN} and
 * rejects them; once {@code cooldownNanos} have passed it is {@link State#HALF_OPEN} and lets one
 * probe through, closing again if the probe succeeds and re-opening if it fails.
 *
 * <p>Legal transitions: CLOSED to OPEN; OPEN to HALF_OPEN; HALF_OPEN to CLOSED or OPEN.
 * Failures count as consecutive only while each comes within {@code cooldownNanos} of the one
 * before: a host that failed a few times long ago is not one failure from an open circuit, and
 * so a host with a few old failures can be forgotten (see {@link #forgettableAtNanos}).
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
    private long lastFailureNanos;
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

    /** True from {@link #forgettableAtNanos} on. */
    public boolean isForgettable(long nowNanos) {
        long at = forgettableAtNanos();
        return at == Long.MIN_VALUE || (at != Long.MAX_VALUE && nowNanos - at >= 0);
    }

    /**
     * The earliest time from which forgetting this breaker is harmless: {@link Long#MIN_VALUE}
     * when pristine; for a closed breaker, one cool-down after its last failure (its count has
     * expired then); for an open one, a second cool-down after it could have half-opened (a host
     * still asked for gets its single probe; one nobody asked for in that time is forgotten and
     * starts closed); {@link Long#MAX_VALUE} while a probe is out.
     */
    public long forgettableAtNanos() {
        return switch (state) {
            case CLOSED -> consecutiveFailures == 0 ? Long.MIN_VALUE : lastFailureNanos + cooldownNanos;
            case OPEN -> openedAtNanos + 2 * cooldownNanos;
            case HALF_OPEN -> probeOut ? Long.MAX_VALUE : Long.MIN_VALUE;
        };
    }

    /** Consecutive failures counted while closed (0 when pristine); what a closed breaker remembers. */
    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** When the last counted failure happened; meaningful while {@link #consecutiveFailures} is above 0. */
    public long lastFailureNanos() {
        return lastFailureNanos;
    }

    /**
     * Makes this new, pristine breaker the closed one another breaker was, which had counted
     * {@code failures} consecutive failures, the last at {@code lastFailureNanos}: that is all
     * a closed breaker holds, so the two then behave alike. Lets a host's circuit memory be kept
     * as two numbers while the host has no work.
     */
    public void restoreFailures(int failures, long lastFailureNanos) {
        if (!isPristine() || failures <= 0) {
            throw new IllegalStateException("only a pristine breaker takes back failures, and only some");
        }
        this.consecutiveFailures = failures;
        this.lastFailureNanos = lastFailureNanos;
    }

    /** True when open or half-open: requests are being refused or waiting for a probe. */
    public boolean isOpen() {
        return state != State.CLOSED;
    }

    /**
     * Gives back a probe permit whose request ended without an answer that could decide (it was
     * cancelled): the circuit stays half-open and the next request becomes the probe.
     */
    public void abandonProbe() {
        if (state == State.HALF_OPEN) {
            probeOut = false;
        }
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
            if (consecutiveFailures > 0 && nowNanos - lastFailureNanos >= cooldownNanos) {
                consecutiveFailures = 0;   // the earlier failures are too old to be consecutive
            }
            lastFailureNanos = nowNanos;
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
