package dev.salvo.internal.engine;

import static dev.salvo.internal.engine.ScriptedTransport.redirect;
import static dev.salvo.internal.engine.ScriptedTransport.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.ErrorType;
import dev.salvo.FetchResult;
import dev.salvo.SalvoEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine faults of issue 8, each replayed in the simulation: redirects that reach into
 * scheduling state (a probe moved to another host, a retry queued under the wrong host, an
 * attempt that never finishes) and circuits that hide the real cause.
 */
class EngineFaultsTest {

    private static final Duration COOLDOWN = Duration.ofSeconds(10);

    /** Fault 1: a half-open circuit's probe redirected to another host must not strand the host. */
    @Test
    void probeRedirectedToAnotherHostStillReportsToItsCircuit() {
        Simulation sim = new Simulation(b -> b.perHost(1).retries(0).circuitFailures(1).circuitCooldown(COOLDOWN));
        sim.transport.script("http://x.test/down", status(503));
        sim.admit("http://x.test/down");
        sim.runUntilQuiet();
        assertEquals(1, sim.events(SalvoEvent.CircuitOpened.class).size());

        sim.advance(COOLDOWN);
        sim.transport.script("http://x.test/a", redirect(301, "https://x.test/a"));
        sim.admit("http://x.test/a", "http://x.test/b", "http://x.test/c");
        sim.runUntilQuiet();

        assertTrue(sim.finished(), "4 results expected, got " + sim.results.values());
        assertTrue(sim.results.values().stream().allMatch(FetchResult::ok) || sim.results.size() == 4);
        assertEquals(0, sim.unbalancedAttempts());
    }

    /** Fault 2: a retry after a cross-host redirect goes to the origin, so it counts against the origin. */
    @Test
    void retryAfterCrossHostRedirectIsCountedAgainstTheHostItIsSentTo() {
        Simulation sim = new Simulation(b -> b.perHost(1).retries(1).backoff(Duration.ofMillis(10)));
        sim.transport.script("http://a.test/r", redirect(302, "http://b.test/x"), status(200));
        sim.transport.script("http://b.test/x", status(503));
        sim.admit("http://a.test/r");
        sim.runUntilQuiet();

        assertTrue(sim.finished());
        assertEquals(List.of(), sim.attemptsCountedAgainstAnotherHost());
        List<String> hosts = sim.events(SalvoEvent.AttemptStarted.class).stream().map(SalvoEvent.AttemptStarted::host)
                .toList();
        assertEquals(List.of("a.test:80", "a.test:80"), hosts);
    }

    /** Fault 5: a redirected attempt that the next host's open circuit refuses still finishes. */
    @Test
    void redirectedAttemptRefusedByAnOpenCircuitStillFinishes() {
        Simulation sim = new Simulation(b -> b.retries(0).circuitFailures(1).circuitCooldown(COOLDOWN));
        sim.transport.script("http://b.test/down", status(503));
        sim.admit("http://b.test/down");
        sim.runUntilQuiet();
        sim.transport.script("http://a.test/r", redirect(302, "http://b.test/y"));
        sim.admit("http://a.test/r");
        sim.runUntilQuiet();

        assertTrue(sim.finished());
        assertEquals(ErrorType.CIRCUIT_OPEN, sim.results.get(1L).error().type());
        assertEquals(0, sim.unbalancedAttempts(), "every AttemptStarted has its AttemptFinished");
    }

    /** Fault 5: a redirected attempt waiting for a slot at its next host, then stopped, still finishes. */
    @Test
    void redirectedAttemptWaitingAtItsNextHostThenStoppedStillFinishes() {
        Simulation sim = new Simulation(b -> b.perHost(1).retries(0));
        sim.transport.script("http://b.test/slow", new ScriptedTransport.Step(status(200).outcome(), 5_000_000_000L));
        sim.transport.script("http://a.test/r", redirect(302, "http://b.test/y"));
        sim.admit("http://b.test/slow", "http://a.test/r");
        sim.advance(Duration.ofMillis(100));
        sim.stop(Duration.ZERO);
        sim.runUntilQuiet();

        assertTrue(sim.finished());
        assertEquals(ErrorType.CANCELLED, sim.results.get(1L).error().type());
        assertEquals(0, sim.unbalancedAttempts(), "every AttemptStarted has its AttemptFinished");
    }

    /** Fault 5: forgetting a host whose circuit is open says so, so open-circuit counts come back down. */
    @Test
    void forgettingAnOpenCircuitIsAnEvent() {
        Simulation sim = new Simulation(b -> b.retries(0).circuitFailures(1).circuitCooldown(COOLDOWN));
        sim.transport.script("http://b.test/down", status(503));
        sim.admit("http://b.test/down");
        sim.runUntilQuiet();
        sim.advance(COOLDOWN.plusSeconds(1));
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 9000; i++) {
            others.add("http://h" + i + ".test/");
        }
        sim.admit(others.toArray(String[]::new));
        sim.runUntilQuiet();
        sim.advance(COOLDOWN.multipliedBy(2));

        assertTrue(sim.finished());
        assertEquals(1, sim.events(SalvoEvent.CircuitOpened.class).size());
        assertEquals(1, sim.events(SalvoEvent.CircuitClosed.class).size(),
                "the forgotten open circuit is reported closed (a forgotten host starts closed)");
    }

    /** Fault 7: a URL refused by the circuit its own 500s opened keeps its last status and says so. */
    @Test
    void circuitRefusalAfterResponsesKeepsTheLastStatus() {
        Simulation sim = new Simulation(b -> b.perHost(1).retries(3).backoff(Duration.ofMillis(10))
                .circuitFailures(2).circuitCooldown(COOLDOWN));
        sim.transport.script("http://c.test/x", status(500), status(500));
        sim.admit("http://c.test/x");
        sim.runUntilQuiet();

        FetchResult result = sim.results.get(0L);
        assertEquals(ErrorType.CIRCUIT_OPEN, result.error().type());
        assertEquals(500, result.status(), result.toString());
        assertEquals(2, result.attempts());
        assertTrue(result.error().message().contains("HTTP 500"), result.error().message());
    }

    /**
     * Fault 3: hosts that failed fewer times than the circuit threshold are forgotten (here at
     * the cap on dormant hosts, and all of them once the cool-down has passed), so 20,000
     * refusing hosts do not leave 20,000 entries behind.
     */
    @Test
    void hostsThatFailedBelowTheThresholdAreForgotten() {
        Simulation sim = new Simulation(b -> b.retries(0).concurrency(64).circuitCooldown(COOLDOWN), 1, 1_000);
        sim.transport.otherwise(url -> ScriptedTransport.failure(ErrorType.CONNECT));
        int peakHosts = 0;
        for (int batch = 0; batch < 20; batch++) {
            String[] urls = new String[1_000];
            for (int i = 0; i < urls.length; i++) {
                urls[i] = "http://refused" + (batch * 1_000 + i) + ".test:9/";
            }
            sim.admit(urls);
            sim.runUntilQuiet();
            peakHosts = Math.max(peakHosts, sim.dispatcher.hostCount());
        }
        assertTrue(sim.finished());
        assertTrue(peakHosts <= 1_000, "host table bounded by the dormant cap, peaked at " + peakHosts);
        sim.advance(COOLDOWN);
        assertEquals(0, sim.dispatcher.hostCount(), "every failure has expired");
        assertEquals(List.of(), sim.time.pendingTimers(), "and no timer is left");
    }
}
