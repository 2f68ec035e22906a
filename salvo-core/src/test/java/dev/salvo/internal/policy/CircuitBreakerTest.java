package dev.salvo.internal.policy;

import dev.salvo.internal.policy.CircuitBreaker.Permission;
import dev.salvo.internal.policy.CircuitBreaker.State;
import dev.salvo.internal.policy.CircuitBreaker.Transition;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CircuitBreakerTest {

    private static final long SECOND = 1_000_000_000L;

    private final CircuitBreaker breaker = new CircuitBreaker(3, 30 * SECOND);

    @Test
    void opensAfterConsecutiveFailuresOnly() {
        assertEquals(Transition.NONE, breaker.onFailure(false, 0));
        assertEquals(Transition.NONE, breaker.onFailure(false, 0));
        assertEquals(Transition.NONE, breaker.onSuccess(false)); // a success resets the count
        assertEquals(Transition.NONE, breaker.onFailure(false, 0));
        assertEquals(Transition.NONE, breaker.onFailure(false, 0));
        assertEquals(State.CLOSED, breaker.state(0));
        assertEquals(Transition.OPENED, breaker.onFailure(false, 5 * SECOND));
        assertEquals(State.OPEN, breaker.state(5 * SECOND));
    }

    @Test
    void rejectsWhileOpenThenLetsExactlyOneProbeThroughAfterTheCooldown() {
        open(0);
        assertEquals(Permission.REJECT, breaker.acquire(29 * SECOND));
        assertEquals(SECOND, breaker.nanosUntilProbe(29 * SECOND));
        assertEquals(State.HALF_OPEN, breaker.state(30 * SECOND));
        assertEquals(Permission.PROBE, breaker.acquire(30 * SECOND));
        assertEquals(Transition.HALF_OPENED, breaker.lastPermitTransition());
        assertTrue(breaker.isAwaitingProbe());
        assertEquals(Permission.WAIT, breaker.acquire(31 * SECOND));
        assertEquals(Transition.NONE, breaker.lastPermitTransition());
    }

    @Test
    void aSuccessfulProbeClosesTheCircuit() {
        open(0);
        breaker.acquire(30 * SECOND);
        assertEquals(Transition.CLOSED, breaker.onSuccess(true));
        assertEquals(State.CLOSED, breaker.state(30 * SECOND));
        assertTrue(breaker.isPristine());
        assertEquals(Permission.ALLOW, breaker.acquire(30 * SECOND));
    }

    @Test
    void aFailedProbeReopensForAnotherFullCooldown() {
        open(0);
        breaker.acquire(30 * SECOND);
        assertEquals(Transition.OPENED, breaker.onFailure(true, 31 * SECOND));
        assertEquals(Permission.REJECT, breaker.acquire(60 * SECOND));
        assertEquals(Permission.PROBE, breaker.acquire(61 * SECOND));
    }

    @Test
    void outcomesOfRequestsStartedBeforeOpeningDoNotDecide() {
        open(0);
        assertEquals(Transition.NONE, breaker.onSuccess(false));
        assertEquals(State.OPEN, breaker.storedState());
        breaker.acquire(30 * SECOND);
        // A late non-probe success while half-open must not close the circuit.
        assertEquals(Transition.NONE, breaker.onSuccess(false));
        assertEquals(Transition.NONE, breaker.onFailure(false, 30 * SECOND));
        assertTrue(breaker.isAwaitingProbe());
    }

    @Test
    void anOpenCircuitCanBeForgottenOnlyASecondCooldownAfterItCouldProbe() {
        assertTrue(breaker.isForgettable(0));
        open(0);
        assertFalse(breaker.isForgettable(59 * SECOND), "a host still asked for gets its probe first");
        assertTrue(breaker.isForgettable(60 * SECOND));
        breaker.acquire(30 * SECOND);
        assertFalse(breaker.isForgettable(61 * SECOND), "not while its probe is out");
    }

    /** Issue 8, fault 3: a host with a few failures below the threshold must be forgettable. */
    @Test
    void failuresBelowTheThresholdExpireAfterTheCooldown() {
        breaker.onFailure(false, 0);
        breaker.onFailure(false, 0);
        assertFalse(breaker.isForgettable(29 * SECOND), "a recent failure streak is worth remembering");
        assertTrue(breaker.isForgettable(30 * SECOND), "an old one is not");
        assertEquals(Transition.NONE, breaker.onFailure(false, 30 * SECOND), "old failures no longer count");
        assertEquals(Transition.NONE, breaker.onFailure(false, 31 * SECOND));
        assertEquals(Transition.OPENED, breaker.onFailure(false, 32 * SECOND));
    }

    /**
     * A closed breaker is its failure count and the time of its last failure: one restored from
     * those two numbers (as the host table keeps them) answers every later outcome the same.
     */
    @Test
    void aBreakerRestoredFromItsFailuresBehavesAsTheOriginal() {
        for (long gap : new long[] {SECOND, 29 * SECOND, 30 * SECOND, 90 * SECOND}) {
            CircuitBreaker original = new CircuitBreaker(3, 30 * SECOND);
            original.onFailure(false, 0);
            original.onFailure(false, 10 * SECOND);
            CircuitBreaker restored = new CircuitBreaker(3, 30 * SECOND);
            restored.restoreFailures(original.consecutiveFailures(), original.lastFailureNanos());
            assertEquals(original.forgettableAtNanos(), restored.forgettableAtNanos());
            long now = 10 * SECOND + gap;
            assertEquals(original.acquire(now), restored.acquire(now));
            assertEquals(original.onFailure(false, now), restored.onFailure(false, now), "after " + gap);
            assertEquals(original.state(now), restored.state(now));
            assertEquals(original.consecutiveFailures(), restored.consecutiveFailures());
            assertEquals(original.forgettableAtNanos(), restored.forgettableAtNanos());
        }
    }

    @Test
    void onlyAPristineBreakerTakesFailuresBack() {
        breaker.onFailure(false, 0);
        assertThrows(IllegalStateException.class, () -> breaker.restoreFailures(1, 0));
        assertThrows(IllegalStateException.class, () -> new CircuitBreaker(3, SECOND).restoreFailures(0, 0));
    }

    @Test
    void thresholdZeroNeverOpens() {
        CircuitBreaker never = new CircuitBreaker(0, SECOND);
        for (int i = 0; i < 100; i++) {
            assertEquals(Transition.NONE, never.onFailure(false, i));
        }
        assertEquals(Permission.ALLOW, never.acquire(100));
        assertFalse(never.isAwaitingProbe());
    }

    private void open(long now) {
        for (int i = 0; i < 3; i++) {
            breaker.onFailure(false, now);
        }
        assertEquals(State.OPEN, breaker.storedState());
    }
}
