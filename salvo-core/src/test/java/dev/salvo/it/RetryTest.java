package dev.salvo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.ErrorType;
import dev.salvo.FetchResult;
import dev.salvo.FetchRun;
import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;
import dev.salvo.SalvoEvent.RetryScheduled;
import dev.salvo.testing.FakeTime;
import dev.salvo.testing.MisbehavingServer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What is retried and what is not, and that each backoff is drawn within the full-jitter bounds.
 * Every wait runs on {@link FakeTime}, so the test takes no real time for it.
 */
@Timeout(30)
class RetryTest {

    private static final Duration BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofMillis(1500);

    @Test
    void transientFailuresAreRetriedAndPermanentOnesAreNot() throws Exception {
        FakeTime time = new FakeTime();
        Events events = new Events();
        // The circuit is off: twelve failures on one host would otherwise open it (CircuitBreakerTest).
        SalvoConfig config = SalvoConfig.builder().retries(2).backoff(BACKOFF).maxBackoff(MAX_BACKOFF)
                .circuitFailures(0).timeSource(time).listener(events).build();
        try (MisbehavingServer server = MisbehavingServer.start(); Salvo salvo = Salvo.create(config)) {
            List<String> urls = List.of(
                    server.url("/flaky/2/a").toString(),
                    server.url("/status/503/b").toString(),
                    server.url("/status/404/c").toString(),
                    server.url("/reset/d").toString(),
                    server.url("/close/e").toString(),
                    server.url("/garbage/f").toString());
            Results results = new Results();
            FetchRun run = salvo.start(Inputs.requests(urls), results);
            Clock.runUntilDone(time, run, events, 20);

            Map<String, FetchResult> byPath = results.all().stream()
                    .collect(Collectors.toMap(r -> r.url().substring(server.baseUrl().length()), Function.identity()));
            assertOutcome(byPath.get("/flaky/2/a"), 3, 200, null);
            assertOutcome(byPath.get("/status/503/b"), 3, 503, ErrorType.HTTP);
            assertOutcome(byPath.get("/status/404/c"), 1, 404, ErrorType.HTTP);
            assertOutcome(byPath.get("/reset/d"), 3, null, ErrorType.RESET);
            assertOutcome(byPath.get("/close/e"), 3, null, ErrorType.RESET);
            assertOutcome(byPath.get("/garbage/f"), 1, null, ErrorType.PROTOCOL);
            assertEquals(3, server.requestCount("/flaky/2/a"));
            assertEquals(3, server.requestCount("/status/503/b"));
            assertEquals(1, server.requestCount("/status/404/c"));
            assertEquals(1, server.requestCount("/garbage/f"));

            // Four URLs were retried twice each: eight waits, each within its jitter bound.
            List<RetryScheduled> retries = events.of(RetryScheduled.class);
            assertEquals(8, retries.size(), retries.toString());
            for (RetryScheduled retry : retries) {
                Duration ceiling = ceiling(retry.failedAttempt() - 1);
                assertTrue(!retry.delay().isNegative() && retry.delay().compareTo(ceiling) < 0,
                        retry + " not in [0, " + ceiling + ")");
            }
            assertEquals(retries.stream().map(RetryScheduled::delay).sorted().toList(),
                    time.requestedDelays().stream().sorted().toList(), "every wait went through the TimeSource");
        }
    }

    @Test
    void postIsNotRetried() throws Exception {
        FakeTime time = new FakeTime();
        SalvoConfig config = SalvoConfig.builder().method("POST").retries(2).timeSource(time).build();
        try (MisbehavingServer server = MisbehavingServer.start(); Salvo salvo = Salvo.create(config)) {
            FetchResult result = salvo.fetchAll(List.of(server.url("/status/503/post").toString())).get(0);

            assertOutcome(result, 1, 503, ErrorType.HTTP);
            assertEquals("POST", server.lastRequest().method());
            assertEquals(List.of(), time.requestedDelays());
        }
    }

    /** The full-jitter ceiling before retry {@code k} (0-based): min(maxBackoff, backoff * 2^k). */
    private static Duration ceiling(int k) {
        Duration exponential = BACKOFF.multipliedBy(1L << k);
        return exponential.compareTo(MAX_BACKOFF) < 0 ? exponential : MAX_BACKOFF;
    }

    private static void assertOutcome(FetchResult result, int attempts, Integer status, ErrorType error) {
        String context = String.valueOf(result);
        assertEquals(attempts, result.attempts(), context);
        assertEquals(status, result.status(), context);
        assertEquals(error, result.error() == null ? null : result.error().type(), context);
    }
}
