package dev.salvo.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.internal.policy.CircuitBreaker;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.HashSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PerIpLimits} on its own, with a recording waker: how many waiting hosts a freed slot
 * wakes. Shared hosting puts thousands of names on one address; waking all of them for every
 * request that ends there made each end cost O(names) (a herd of hosts that re-check and park
 * again), so a freed slot wakes one host, and the next only if that one does not take it.
 */
class PerIpLimitsTest {

    private static final String ADDRESS = "192.0.2.1";

    private final List<HostState> woken = new ArrayList<>();
    /** Hosts the waker reports as not runnable (their own per-host cap is full, say). */
    private final Set<HostState> notRunnable = new HashSet<>();
    private PerIpLimits limits;

    @BeforeEach
    void setUp() {
        limits = new PerIpLimits(1, null, Runnable::run);
        limits.bind((host, promote) -> {
            woken.add(host);
            return !notRunnable.contains(host);
        });
    }

    private static HostState hostAt(String name) {
        HostState host = new HostState(name, new CircuitBreaker(5, 1_000_000_000L), null);
        host.address = ADDRESS;
        return host;
    }

    /** Fills the address's one slot with {@code holder} and parks {@code n} more hosts on it. */
    private List<HostState> parked(HostState holder, int n) {
        assertTrue(limits.admits(holder));
        limits.acquire(holder);
        List<HostState> waiting = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            HostState host = hostAt("site" + i + ".test");
            assertFalse(limits.admits(host), "the address is full");
            waiting.add(host);
        }
        return waiting;
    }

    @Test
    void aFreedSlotWakesOneWaitingHostNotAll() {
        HostState holder = hostAt("holder.test");
        List<HostState> waiting = parked(holder, 1_000);

        limits.release(holder);

        assertEquals(1, woken.size(), "one slot freed, one host woken");
        assertTrue(woken.get(0) == waiting.get(0), "the first to wait");
    }

    @Test
    void theSlotIsHeldForTheWokenHost() {
        HostState holder = hostAt("holder.test");
        List<HostState> waiting = parked(holder, 3);
        limits.release(holder);

        HostState newcomer = hostAt("newcomer.test");
        assertFalse(limits.admits(newcomer), "a host that was not woken does not take the promised slot");
        assertTrue(limits.admits(waiting.get(0)), "the woken host may start");
        limits.acquire(waiting.get(0));
        limits.settle(waiting.get(0));

        assertEquals(1, woken.size(), "the slot was taken: nobody else is woken");
    }

    @Test
    void aWokenHostThatDoesNotTakeTheSlotPassesItOn() {
        HostState holder = hostAt("holder.test");
        List<HostState> waiting = parked(holder, 3);
        limits.release(holder);

        // Decided, but held back by something else (a pause, its circuit): it starts nothing.
        limits.settle(waiting.get(0));

        assertEquals(List.of(waiting.get(0), waiting.get(1)), woken);
    }

    @Test
    void aWokenHostThatCannotRunPassesItOnAtOnce() {
        HostState holder = hostAt("holder.test");
        List<HostState> waiting = parked(holder, 3);
        notRunnable.add(waiting.get(0));

        limits.release(holder);

        assertEquals(List.of(waiting.get(0), waiting.get(1)), woken,
                "the first cannot be decided now, so the second is woken for the slot");
        assertTrue(limits.admits(waiting.get(1)));
    }

    @Test
    void theAddressIsForgottenOnceNothingIsInFlightPromisedOrWaiting() {
        HostState holder = hostAt("holder.test");
        List<HostState> waiting = parked(holder, 1);
        limits.release(holder);
        assertEquals(1, limits.size(), "kept while a slot is promised");

        limits.acquire(waiting.get(0));
        limits.settle(waiting.get(0));
        limits.release(waiting.get(0));

        assertEquals(0, limits.size());
    }
}
