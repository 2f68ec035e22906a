package dev.salvo.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.ErrorType;
import dev.salvo.FetchResult;
import dev.salvo.RobotsTxt;
import dev.salvo.internal.engine.ScriptedTransport.Step;
import dev.salvo.internal.transport.Outcome;
import dev.salvo.testing.FakeTime;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's robots.txt gate on the {@link Simulation}'s hand-driven clock: Crawl-delay's
 * pacing maths, the one retry of an unreachable robots.txt, its time limit, and a stop while it is
 * being fetched. Each log line is "what was sent +when".
 */
class RobotsGateTest {

    private static Simulation obeying() {
        return new Simulation(b -> b.robots(RobotsTxt.OBEY).retries(0));
    }

    private static Step robotsTxt(String text, long latencyNanos) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        return new Step(new Outcome.Response(200, "text/plain", null, null, body.length, "00", body), latencyNanos);
    }

    private static List<String> log(Simulation sim) {
        return sim.transport.sent().stream().map(sent -> sent.exchange().target().url().replace("http://", "") + " +"
                + Duration.ofNanos(sent.atNanos() - FakeTime.START_NANOS).toMillis() + "ms").toList();
    }

    @Test
    void crawlDelaySpacesOneHostAndHoldsBackNoOther() {
        Simulation sim = obeying();
        sim.transport.script("http://a.test/robots.txt", robotsTxt("User-agent: *\nCrawl-delay: 1.5\n", 1_000_000L));
        sim.admit("http://a.test/1", "http://a.test/2", "http://a.test/3", "http://b.test/1");
        sim.runUntilQuiet();

        assertTrue(sim.finished());
        // The robots.txt fetch is a request too: the first URL waits the delay after it.
        assertEquals(List.of("a.test/robots.txt +0ms", "b.test/robots.txt +0ms", "b.test/1 +1ms",
                "a.test/1 +1500ms", "a.test/2 +3000ms", "a.test/3 +4500ms"), log(sim));
    }

    @Test
    void unreachableRobotsTxtIsAskedAgainOnceWhenDue() {
        Simulation sim = obeying();
        sim.transport.script("http://a.test/robots.txt", ScriptedTransport.status(503), ScriptedTransport.status(503),
                ScriptedTransport.status(200));
        sim.admit("http://a.test/1");
        sim.advance(Duration.ofSeconds(30));
        sim.admit("http://a.test/2");          // not due yet: refused without asking
        sim.advance(Duration.ofSeconds(31));
        sim.admit("http://a.test/3");          // due: asked again, 503 again
        sim.advance(Duration.ofMinutes(10));
        sim.admit("http://a.test/4");          // the one retry is spent
        sim.runUntilQuiet();

        assertEquals(List.of("a.test/robots.txt +0ms", "a.test/robots.txt +61000ms"), log(sim));
        for (FetchResult result : sim.results.values()) {
            assertEquals(ErrorType.ROBOTS, result.error().type(), result.toString());
        }
        assertTrue(sim.results.get(3L).error().message().endsWith("(asked twice; not asked again in this run)"));
    }

    @Test
    void robotsTxtHasItsOwnShortTimeLimit() {
        Simulation sim = obeying();
        sim.transport.script("http://a.test/robots.txt", robotsTxt("", Duration.ofSeconds(20).toNanos()));
        sim.admit("http://a.test/1");
        sim.runUntilQuiet();

        FetchResult result = sim.results.get(0L);
        assertEquals(ErrorType.ROBOTS, result.error().type(), result.toString());
        assertTrue(result.error().message().contains("(timeout: no response within 10000 ms)"), result.toString());
        assertEquals(Duration.ofSeconds(10).toNanos(), sim.time.elapsedNanos());
    }

    @Test
    void stopWhileRobotsTxtIsFetchedCancelsTheUrlsAndGivesTheLeaseBack() {
        Simulation sim = obeying();
        sim.transport.script("http://a.test/robots.txt", robotsTxt("", Duration.ofSeconds(5).toNanos()));
        sim.admit("http://a.test/1", "http://a.test/2");
        sim.advance(Duration.ofSeconds(1));
        assertEquals(1, sim.dispatcher.inFlight(), "the robots.txt fetch holds the host's lease");
        sim.stop(Duration.ZERO);
        sim.runUntilQuiet();
        sim.advance(Duration.ofHours(1));

        assertTrue(sim.finished());
        sim.results.values().forEach(r -> assertEquals(ErrorType.CANCELLED, r.error().type(), r.toString()));
        assertEquals(0, sim.dispatcher.inFlight());
        assertEquals(0, sim.transport.inFlight(), "the fetch was aborted");
        assertEquals(0, sim.time.pendingCount());
        assertEquals(0, sim.dispatcher.hostCount());
    }

    @Test
    void aRedirectIntoADisallowedPathEndsTheAttemptThere() {
        Simulation sim = obeying();
        sim.transport.script("http://b.test/robots.txt", robotsTxt("User-agent: salvo\nDisallow: /private\n", 1_000_000L));
        sim.transport.script("http://a.test/x", ScriptedTransport.redirect(302, "http://b.test/private/y"));
        sim.admit("http://a.test/x");
        sim.runUntilQuiet();

        FetchResult result = sim.results.get(0L);
        assertEquals(ErrorType.ROBOTS, result.error().type(), result.toString());
        assertEquals(List.of(new FetchResult.Redirect("http://a.test/x", 302)), result.redirects());
        assertEquals(0, sim.unbalancedAttempts(), "the redirected attempt ended");
        assertEquals(List.of("a.test/robots.txt +0ms", "a.test/x +1ms", "b.test/robots.txt +2ms"), log(sim));
    }
}
