package dev.salvo.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.internal.policy.CircuitBreaker;
import dev.salvo.internal.policy.CircuitBreaker.Transition;
import dev.salvo.testing.FakeTime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

/**
 * The host table's memory of failing hosts: closed circuits held as numbers in the
 * {@link FailureMemory} rather than as objects, given back when a host returns, expired after
 * the cool-down and capped together with hosts held for an open circuit.
 */
class HostTableTest {

    private static final int THRESHOLD = 3;
    private static final Duration COOLDOWN = Duration.ofSeconds(30);

    private final FakeTime time = new FakeTime();
    private final List<String> forgotten = new ArrayList<>();

    private HostTable table(int maxDormant) {
        return table(maxDormant, FailureMemory::hash);
    }

    private HostTable table(int maxDormant, ToLongFunction<String> hash) {
        return new HostTable(key -> new HostState(key, new CircuitBreaker(THRESHOLD, COOLDOWN.toNanos()), null),
                host -> forgotten.add(host.key), time, Runnable::run, maxDormant, hash);
    }

    /** One attempt to {@code key} that fails now: the host gets a lease, fails, gives it back and settles. */
    private Transition failOnce(HostTable table, String key) {
        HostState host = table.get(key);
        host.inFlight++;
        Transition transition = host.circuit.onFailure(false, time.nanoTime());
        host.inFlight--;
        table.settle(host, time.nanoTime());
        return transition;
    }

    /** Whether {@code key} comes back with a circuit that remembers nothing (and leaves it in the table). */
    private boolean comesBackPristine(HostTable table, String key) {
        return table.get(key).circuit.isPristine();
    }

    @Test
    void aHostThatFailedBelowTheThresholdIsHeldAsNumbersNotObjects() {
        HostTable table = table(HostTable.MAX_DORMANT);
        failOnce(table, "a.test:80");
        assertEquals(1, table.size(), "the host is remembered");
        assertEquals(List.of(), table.all(), "but no HostState (nor its breaker) is kept for it");
    }

    @Test
    void itsFailuresComeBackWhenItGetsWorkAgainSoTheCircuitOpensAsBefore() {
        HostTable table = table(HostTable.MAX_DORMANT);
        assertEquals(Transition.NONE, failOnce(table, "a.test:80"));
        time.advance(Duration.ofSeconds(1));
        HostState again = table.get("a.test:80");
        assertEquals(1, again.circuit.consecutiveFailures());
        assertEquals(FakeTime.START_NANOS, again.circuit.lastFailureNanos());
        table.settle(again, time.nanoTime());
        assertEquals(Transition.NONE, failOnce(table, "a.test:80"));
        time.advance(Duration.ofSeconds(1));
        assertEquals(Transition.OPENED, failOnce(table, "a.test:80"), "the third failure in a row opens it");
        HostState open = table.all().get(0);
        assertTrue(open.circuit.isOpen(), "an open circuit is held as objects");
        assertEquals(1, table.size());
        // Held for two cool-downs after opening, then forgotten, which is reported.
        time.advance(COOLDOWN.multipliedBy(2));
        assertEquals(0, table.size());
        assertEquals(List.of("a.test:80"), forgotten);
    }

    @Test
    void failuresExpireAfterTheCooldownAndLeaveNoTimer() {
        HostTable table = table(HostTable.MAX_DORMANT);
        failOnce(table, "a.test:80");
        time.advance(COOLDOWN.minusNanos(1));
        assertEquals(1, table.size());
        time.advance(Duration.ofNanos(1));
        assertEquals(0, table.size());
        assertEquals(0, time.pendingCount(), "timers left: " + time);
        assertTrue(comesBackPristine(table, "a.test:80"));
        assertEquals(List.of(), forgotten, "a closed circuit is forgotten silently");
    }

    @Test
    void pastTheCapTheNearestDeadlineIsForgottenFirst() {
        HostTable table = table(2);
        failOnce(table, "x.test:80");
        time.advance(Duration.ofSeconds(1));
        failOnce(table, "y.test:80");
        time.advance(Duration.ofSeconds(1));
        failOnce(table, "z.test:80");
        assertEquals(2, table.size());
        assertTrue(comesBackPristine(table, "x.test:80"), "x failed first, so goes first");
        assertEquals(1, table.get("y.test:80").circuit.consecutiveFailures());
        assertEquals(1, table.get("z.test:80").circuit.consecutiveFailures());
    }

    @Test
    void ofEqualDeadlinesTheOneHeldLongestIsForgottenFirst() {
        HostTable table = table(2);
        failOnce(table, "a.test:80");
        failOnce(table, "b.test:80");
        failOnce(table, "c.test:80");
        assertEquals(2, table.size());
        assertTrue(comesBackPristine(table, "a.test:80"));
        assertEquals(1, table.get("b.test:80").circuit.consecutiveFailures());
        assertEquals(1, table.get("c.test:80").circuit.consecutiveFailures());
    }

    @Test
    void theCapCountsOpenCircuitsAndFailuresTogether() {
        HostTable table = table(2);
        failOnce(table, "o.test:80");
        failOnce(table, "o.test:80");
        assertEquals(Transition.OPENED, failOnce(table, "o.test:80"));   // held until two cool-downs from now
        time.advance(Duration.ofSeconds(1));
        failOnce(table, "p.test:80");                                     // due in one cool-down: sooner
        time.advance(Duration.ofSeconds(1));
        failOnce(table, "q.test:80");
        assertEquals(2, table.size());
        assertEquals(List.of(), forgotten, "p went, not the open circuit");
        assertEquals(1, table.all().size());

        time.advance(COOLDOWN.plusSeconds(8));                            // q has expired; o is held 20 s more
        assertEquals(1, table.size());
        failOnce(table, "r.test:80");
        time.advance(Duration.ofSeconds(1));
        failOnce(table, "s.test:80");                                     // now o's deadline is the nearest
        assertEquals(2, table.size());
        assertEquals(List.of("o.test:80"), forgotten, "forgetting an open circuit is reported");
        assertEquals(List.of(), table.all());
    }

    /**
     * Keys whose hashes are equal share one entry: a host may be taken for another that failed
     * recently (that is the cost, see {@link FailureMemory}), but the table stays consistent: one
     * entry for both, replaced rather than doubled, and gone after the cool-down.
     */
    @Test
    void hostsWhoseKeysHashAlikeShareOneEntryUntilItExpires() {
        HostTable table = table(HostTable.MAX_DORMANT, key -> 42L);
        failOnce(table, "a.test:80");
        HostState b = table.get("b.test:80");
        assertEquals(1, b.circuit.consecutiveFailures(), "b is taken for a");
        assertEquals(1, table.size());

        HostState a = table.get("a.test:80");
        assertNotSame(a, b);
        assertTrue(a.circuit.isPristine(), "b took the one entry");
        a.circuit.onFailure(false, time.nanoTime());
        table.settle(a, time.nanoTime());
        table.settle(b, time.nanoTime());
        assertEquals(1, table.size(), "b's entry replaced a's: one entry for the hash");

        time.advance(COOLDOWN);
        assertEquals(0, table.size());
        assertEquals(0, time.pendingCount(), "timers left: " + time);
    }

    @Test
    void clearForgetsTheFailuresAndTheTimer() {
        HostTable table = table(HostTable.MAX_DORMANT);
        failOnce(table, "a.test:80");
        failOnce(table, "b.test:80");
        table.clear();
        assertEquals(0, table.size());
        assertEquals(0, time.pendingCount(), "timers left: " + time);
        assertTrue(comesBackPristine(table, "a.test:80"));
    }
}
