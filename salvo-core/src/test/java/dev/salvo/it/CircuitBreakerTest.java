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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A failing host's circuit opens after the configured consecutive failures, so its remaining
 * URLs end without reaching it, while other hosts carry on; after the cool-down one probe goes
 * through, and closes the circuit when it succeeds.
 */
@Timeout(30)
class CircuitBreakerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration COOLDOWN = Duration.ofSeconds(30);

    @Test
    void circuitOpensThenProbesThenCloses() throws Exception {
        FakeTime time = new FakeTime();
        Events events = new Events(time, CircuitBreakerTest::describe);
        AtomicBoolean healthy = new AtomicBoolean(false);
        // perHost 1: attempts to the failing host go one at a time, so exactly three reach it.
        SalvoConfig config = SalvoConfig.builder().concurrency(8).perHost(1).retries(0).circuitFailures(3)
                .circuitCooldown(COOLDOWN).timeSource(time).listener(events).build();
        try (MisbehavingServer failing = MisbehavingServer.builder().address("127.0.0.1")
                .route("/service", exchange -> exchange.respond(healthy.get() ? 200 : 503, "service\n")).start();
             MisbehavingServer other = MisbehavingServer.start("127.0.0.2");
             Salvo salvo = Salvo.create(config)) {
            String host = "127.0.0.1:" + failing.port();
            Inputs.Live input = new Inputs.Live();
            Results results = new Results();
            FetchRun run = salvo.start(input, results);
            Predicate<FetchResult> fromFailing = Results.urlStartsWith(failing.baseUrl());

            // Phase 1: three 503s open the circuit; the other seven URLs end without a request.
            input.add(Inputs.urls(failing, "/service/one", 10));
            input.add(Inputs.urls(other, "/ok", 10));
            assertTrue(results.await(r -> true, 20, WAIT), "20 results, got " + results.all().size());
            assertEquals(3, results.count(fromFailing.and(r -> hasError(r, ErrorType.HTTP) && r.status() == 503)));
            assertEquals(7, results.count(fromFailing.and(r -> hasError(r, ErrorType.CIRCUIT_OPEN) && r.attempts() == 0)));
            assertEquals(3, failing.requestCount());
            assertEquals(10, results.count(FetchResult::ok), "the other host is unaffected");

            // Phase 2: after the cool-down one probe goes; it fails, so the circuit opens again.
            time.advance(COOLDOWN);
            input.add(Inputs.urls(failing, "/service/two", 5));
            assertTrue(results.await(r -> true, 25, WAIT));
            assertEquals(4, failing.requestCount(), "one probe only");
            assertEquals(4, results.count(r -> r.url().contains("/service/two/") && hasError(r, ErrorType.CIRCUIT_OPEN)));

            // Phase 3: the host has recovered; after the cool-down the probe succeeds and closes it.
            healthy.set(true);
            time.advance(COOLDOWN);
            input.add(Inputs.urls(failing, "/service/three", 5));
            assertTrue(results.await(r -> true, 30, WAIT));
            assertEquals(5, results.count(r -> r.url().contains("/service/three/") && r.ok()));
            assertEquals(9, failing.requestCount());

            input.end();
            assertTrue(run.await(WAIT));
            assertEquals(List.of(
                    "+0ms opened " + host,
                    "+30000ms half-open " + host,
                    "+30000ms opened " + host,
                    "+60000ms half-open " + host,
                    "+60000ms closed " + host), events.log());
        }
    }

    private static boolean hasError(FetchResult result, ErrorType type) {
        return result.error() != null && result.error().type() == type;
    }

    private static String describe(SalvoEvent event) {
        return switch (event) {
            case SalvoEvent.CircuitOpened opened -> "opened " + opened.host();
            case SalvoEvent.CircuitHalfOpened halfOpened -> "half-open " + halfOpened.host();
            case SalvoEvent.CircuitClosed closed -> "closed " + closed.host();
            default -> null;
        };
    }
}
