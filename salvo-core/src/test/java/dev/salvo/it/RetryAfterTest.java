package dev.salvo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.ErrorType;
import dev.salvo.FetchResult;
import dev.salvo.FetchRun;
import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;
import dev.salvo.SalvoEvent;
import dev.salvo.SalvoEvent.HostPaused;
import dev.salvo.testing.FakeTime;
import dev.salvo.testing.Handler;
import dev.salvo.testing.MisbehavingServer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Retry-After is honoured as a minimum wait, in seconds or as an HTTP date; one that asks too
 * much ends the URL at once; and a paused host does not pause the others.
 */
@Timeout(30)
class RetryAfterTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void retryAfterSecondsIsWaitedBeforeTheRetry() throws Exception {
        FakeTime time = new FakeTime();
        Events events = new Events(time, RetryAfterTest::describe);
        SalvoConfig config = SalvoConfig.builder().retries(3).timeSource(time).listener(events).build();
        try (MisbehavingServer server = MisbehavingServer.builder()
                .route("/429-once", failFirst("Retry-After: 2")).start();
             Salvo salvo = Salvo.create(config)) {
            Results results = new Results();
            FetchRun run = salvo.start(Inputs.requests(List.of(server.url("/429-once/a").toString())), results);
            Clock.runUntilDone(time, run, events, 5);

            FetchResult result = results.all().get(0);
            assertTrue(result.ok(), result.toString());
            assertEquals(2, result.attempts());
            List<String> log = events.log();
            assertEquals(List.of("+0ms attempt 1", "+0ms paused for 2000ms"), log.subList(0, 2), log.toString());
            assertTrue(time.requestedDelays().get(0).compareTo(Duration.ofSeconds(2)) >= 0, time.requestedDelays().toString());
            assertTrue(secondAttemptAt(log) >= 2000, "second attempt not before 2 s: " + log);
        }
    }

    @Test
    void retryAfterDateIsReadAgainstTheClock() throws Exception {
        FakeTime time = new FakeTime();
        Events events = new Events(time, RetryAfterTest::describe);
        SalvoConfig config = SalvoConfig.builder().retries(1).timeSource(time).listener(events).build();
        try (MisbehavingServer server = MisbehavingServer.builder().wallClock(time).start();
             Salvo salvo = Salvo.create(config)) {
            Results results = new Results();
            FetchRun run = salvo.start(Inputs.requests(List.of(server.url("/429date/3/a").toString())), results);
            Clock.runUntilDone(time, run, events, 5);

            FetchResult result = results.all().get(0);
            assertEquals(2, result.attempts(), result.toString());
            assertEquals(429, result.status());
            assertEquals(ErrorType.HTTP, result.error().type());
            assertEquals("+0ms paused for 3000ms", events.log().get(1), events.log().toString());
            assertTrue(time.requestedDelays().get(0).compareTo(Duration.ofSeconds(3)) >= 0, time.requestedDelays().toString());
            assertTrue(secondAttemptAt(events.log()) >= 3000, events.log().toString());
        }
    }

    @Test
    void retryAfterBeyondTheLimitEndsTheUrlAtOnce() throws Exception {
        FakeTime time = new FakeTime();
        SalvoConfig config = SalvoConfig.builder().retries(3).retryAfterMax(Duration.ofSeconds(10)).timeSource(time).build();
        try (MisbehavingServer server = MisbehavingServer.start(); Salvo salvo = Salvo.create(config)) {
            FetchResult result = salvo.fetchAll(List.of(server.url("/429/100/a").toString())).get(0);

            assertEquals(1, result.attempts(), result.toString());
            assertEquals(429, result.status());
            assertEquals(ErrorType.HTTP, result.error().type());
            assertEquals(List.of(), time.requestedDelays());
        }
    }

    @Test
    void pausedHostDoesNotPauseOthers() throws Exception {
        FakeTime time = new FakeTime();
        Events events = new Events();
        // Concurrency 1: the URLs waiting out the pause must not hold the only slot.
        SalvoConfig config = SalvoConfig.builder().concurrency(1).perHost(1).retries(1).timeSource(time)
                .listener(events).build();
        try (MisbehavingServer paused = MisbehavingServer.builder().address("127.0.0.1")
                .route("/429-once", failFirst("Retry-After: 60")).start();
             MisbehavingServer other = MisbehavingServer.start("127.0.0.2");
             Salvo salvo = Salvo.create(config)) {
            List<String> urls = new ArrayList<>(Inputs.urls(paused, "/429-once", 5));
            urls.addAll(Inputs.urls(other, "/ok", 20));
            Results results = new Results();
            FetchRun run = salvo.start(Inputs.requests(urls), results);

            assertTrue(results.await(Results.urlStartsWith(other.baseUrl()), 20, WAIT),
                    "the other host's 20 results while the first is paused, got " + results.all().size());
            assertEquals(0, results.count(Results.urlStartsWith(paused.baseUrl())));
            assertEquals(1, paused.requestCount(), "nothing more sent to the paused host");
            assertEquals(1, events.of(HostPaused.class).size());
            assertEquals(0, time.elapsedNanos());

            Clock.runUntilDone(time, run, events, 20);
            assertEquals(25, results.count(FetchResult::ok));
            assertTrue(time.elapsedNanos() >= Duration.ofSeconds(60).toNanos());
        }
    }

    /** A handler that answers 429 with {@code retryAfter} to the first request, 200 after. */
    private static Handler failFirst(String retryAfter) {
        AtomicInteger calls = new AtomicInteger();
        return exchange -> {
            if (calls.getAndIncrement() == 0) {
                exchange.respond(429, "slow down\n", retryAfter);
            } else {
                exchange.respond(200, "ok\n");
            }
        };
    }

    private static String describe(SalvoEvent event) {
        return switch (event) {
            case SalvoEvent.AttemptStarted started -> "attempt " + started.attempt();
            case HostPaused pausedHost -> "paused for " + Events.millis(pausedHost.delay());
            default -> null;
        };
    }

    private static long secondAttemptAt(List<String> log) {
        String line = log.stream().filter(l -> l.endsWith(" attempt 2")).findFirst().orElseThrow();
        return Long.parseLong(line.substring(1, line.indexOf("ms")));
    }
}
