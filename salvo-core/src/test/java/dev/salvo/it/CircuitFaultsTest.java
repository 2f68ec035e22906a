package dev.salvo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.ErrorType;
import dev.salvo.FetchResult;
import dev.salvo.FetchRun;
import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;
import dev.salvo.SalvoEvent;
import dev.salvo.testing.FakeTime;
import dev.salvo.testing.MisbehavingServer;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 8, faults 1 and 7 over real sockets (the simulation's {@code EngineFaultsTest} has the
 * same cases without them): a half-open circuit's probe redirected to another host, and a URL
 * refused by the circuit its own 500s opened.
 */
@Timeout(30)
class CircuitFaultsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration COOLDOWN = Duration.ofSeconds(30);

    @Test
    void probeRedirectedToAnotherHostDoesNotStrandItsHost() throws Exception {
        FakeTime time = new FakeTime();
        Events events = new Events();
        SalvoConfig config = SalvoConfig.builder().perHost(1).retries(0).circuitFailures(1).circuitCooldown(COOLDOWN)
                .timeSource(time).listener(events).build();
        try (MisbehavingServer other = MisbehavingServer.start("127.0.0.2");
             MisbehavingServer flaky = MisbehavingServer.builder().address("127.0.0.1")
                     .route("/down", exchange -> exchange.respond(503, "down\n"))
                     .start();
             Salvo salvo = Salvo.create(config)) {
            String away = URLEncoder.encode(other.url("/ok/away").toString(), StandardCharsets.UTF_8);
            Inputs.Live input = new Inputs.Live();
            Results results = new Results();
            FetchRun run = salvo.start(input, results);

            input.add(List.of(flaky.url("/down/1").toString()));
            assertTrue(results.await(r -> true, 1, WAIT));
            assertEquals(1, events.of(SalvoEvent.CircuitOpened.class).size());

            time.advance(COOLDOWN);
            // The probe is redirected to another host; the two behind it wait for its outcome.
            input.add(List.of(flaky.url("/redirect-to?url=" + away + "&status=301").toString(),
                    flaky.url("/ok/b").toString(), flaky.url("/ok/c").toString()));
            input.end();
            assertTrue(run.await(WAIT), "the run ends: " + results.all().size() + " of 4 results");
            assertEquals(4, results.all().size());
            assertEquals(3, results.count(FetchResult::ok), results.all().toString());
            assertEquals(1, events.of(SalvoEvent.CircuitClosed.class).size(), "the probe closed the circuit");
        }
    }

    @Test
    void refusalByTheCircuitItsOwn500sOpenedKeepsTheStatus() throws Exception {
        FakeTime time = new FakeTime();
        SalvoConfig config = SalvoConfig.builder().perHost(1).retries(3).backoff(Duration.ofMillis(10))
                .circuitFailures(2).circuitCooldown(COOLDOWN).timeSource(time).build();
        try (MisbehavingServer server = MisbehavingServer.start(); Salvo salvo = Salvo.create(config)) {
            Results results = new Results();
            FetchRun run = salvo.start(Inputs.requests(List.of(server.url("/status/500/x").toString())), results);
            // Runs the retry timers (under a second) as they come, but never the engine's own 30 s
            // timer that forgets the host's failures, which Clock.runUntilDone would run while a
            // request is on the wire. Bounded by the class's @Timeout in real time.
            int ran = 0;
            while (!run.await(Duration.ofMillis(5))) {
                List<FakeTime.PendingTimer> pending = time.pendingTimers();
                if (!pending.isEmpty() && pending.get(0).delay().compareTo(Duration.ofSeconds(1)) < 0) {
                    assertTrue(++ran <= 10, "more timers than three attempts need: " + time);
                    time.runNextTimer();
                }
            }
            assertTrue(run.await(WAIT), "run ended");

            FetchResult result = results.all().get(0);
            assertEquals(ErrorType.CIRCUIT_OPEN, result.error().type());
            assertEquals(500, result.status(), "the real cause stays in the record: " + result);
            assertEquals(2, result.attempts());
            assertTrue(result.error().message().contains("HTTP 500"), result.error().message());
            assertEquals(2, server.requestCount());
        }
    }
}
