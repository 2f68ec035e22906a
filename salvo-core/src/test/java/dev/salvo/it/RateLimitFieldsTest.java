package dev.salvo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.ErrorType;
import dev.salvo.FetchResult;
import dev.salvo.FetchRun;
import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;
import dev.salvo.SalvoEvent.HostPaused;
import dev.salvo.testing.FakeTime;
import dev.salvo.testing.Handler;
import dev.salvo.testing.MisbehavingServer;
import dev.salvo.testing.NettyHttpServer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Rate-limit fields from a real server pause its host until the reset they name, as
 * Retry-After does, holding no slot; a reset beyond {@code retryAfterMax} ends the URL instead.
 * Time is a {@link FakeTime}, so waits of a minute take none.
 */
@Timeout(30)
class RateLimitFieldsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aHostWithNothingLeftIsPausedUntilTheResetHoldingNoSlot() throws Exception {
        FakeTime time = new FakeTime();
        Events events = new Events();
        // Concurrency 1: the URLs waiting out the pause must not hold the only slot.
        SalvoConfig config = SalvoConfig.builder().concurrency(1).perHost(1).retries(0).timeSource(time)
                .listener(events).build();
        // The first answer is a 200 that says the quota is spent for 60 s.
        try (MisbehavingServer limited = MisbehavingServer.builder().address("127.0.0.1")
                .route("/rl", first(n -> n == 0 ? "RateLimit: \"default\";r=0;t=60" : "RateLimit: \"default\";r=9;t=60"))
                .start();
             MisbehavingServer other = MisbehavingServer.start("127.0.0.2");
             Salvo salvo = Salvo.create(config)) {
            List<String> urls = new ArrayList<>(Inputs.urls(limited, "/rl", 5));
            urls.addAll(Inputs.urls(other, "/ok", 20));
            Results results = new Results();
            FetchRun run = salvo.start(Inputs.requests(urls), results);

            assertTrue(results.await(Results.urlStartsWith(other.baseUrl()), 20, WAIT),
                    "the other host's 20 results while the first is paused, got " + results.all().size());
            assertEquals(1, results.count(Results.urlStartsWith(limited.baseUrl())), "only the first URL");
            assertEquals(1, limited.requestCount(), "nothing more sent to the paused host");
            assertEquals(List.of(Duration.ofSeconds(60)), events.of(HostPaused.class).stream()
                    .map(HostPaused::delay).toList());
            assertEquals(0, time.elapsedNanos());

            Clock.runUntilDone(time, run, events, 20);
            assertEquals(25, results.count(FetchResult::ok));
            assertTrue(time.elapsedNanos() >= Duration.ofSeconds(60).toNanos(), "not before the reset");
        }
    }

    @Test
    void a429WithAnEpochResetIsRetriedAfterIt() throws Exception {
        FakeTime time = new FakeTime();
        Events events = new Events();
        long resetEpochSeconds = time.epochMillis() / 1000 + 5;
        SalvoConfig config = SalvoConfig.builder().retries(2).timeSource(time).listener(events).build();
        try (MisbehavingServer server = MisbehavingServer.builder().route("/x", tooManyFirst(
                "X-RateLimit-Remaining: 0", "X-RateLimit-Reset: " + resetEpochSeconds)).start();
             Salvo salvo = Salvo.create(config)) {
            Results results = new Results();
            FetchRun run = salvo.start(Inputs.requests(List.of(server.url("/x/a").toString())), results);
            Clock.runUntilDone(time, run, events, 5);

            FetchResult result = results.all().get(0);
            assertTrue(result.ok(), result.toString());
            assertEquals(2, result.attempts());
            assertEquals(List.of(Duration.ofSeconds(5)), events.of(HostPaused.class).stream()
                    .map(HostPaused::delay).toList());
            assertTrue(time.elapsedNanos() >= Duration.ofSeconds(5).toNanos());
        }
    }

    @Test
    void aResetBeyondTheLimitEndsTheUrlWithThatResponse() throws Exception {
        FakeTime time = new FakeTime();
        Events events = new Events();
        SalvoConfig config = SalvoConfig.builder().retries(3).retryAfterMax(Duration.ofSeconds(10)).timeSource(time)
                .listener(events).build();
        try (MisbehavingServer server = MisbehavingServer.builder().route("/x", tooManyFirst(
                "RateLimit-Remaining: 0", "RateLimit-Reset: 3600")).start();
             Salvo salvo = Salvo.create(config)) {
            FetchResult result = salvo.fetchAll(List.of(server.url("/x/a").toString())).get(0);

            assertEquals(1, result.attempts(), result.toString());
            assertEquals(429, result.status());
            assertEquals(ErrorType.HTTP, result.error().type());
            assertTrue(result.error().message().contains("rate-limit reset"), result.error().message());
            assertEquals(List.of(), events.of(HostPaused.class), "no pause");
            assertEquals(List.of(), time.requestedDelays());
        }
    }

    @Test
    void overHttp2TooTheFieldsPauseTheHost() throws Exception {
        FakeTime time = new FakeTime();
        Events events = new Events();
        SalvoConfig config = SalvoConfig.builder().http2PriorKnowledge(true).perHost(1).retries(0).timeSource(time)
                .listener(events).build();
        try (NettyHttpServer server = NettyHttpServer.builder().cleartextHttp2()
                .respond("/rl", "ok".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        "ratelimit: \"default\";r=0;t=60").start();
             Salvo salvo = Salvo.create(config)) {
            Results results = new Results();
            String url = server.url("/rl").toString();
            FetchRun run = salvo.start(Inputs.requests(List.of(url, url)), results);

            assertTrue(results.await(r -> true, 1, WAIT), "the first answer");
            assertEquals(List.of(Duration.ofSeconds(60)), events.of(HostPaused.class).stream()
                    .map(HostPaused::delay).toList());
            assertEquals(1, server.requests().size(), "the second waits out the pause");
            assertEquals("HTTP/2", server.requests().get(0).protocol());

            Clock.runUntilDone(time, run, events, 10);
            assertEquals(2, results.count(FetchResult::ok));
            assertTrue(time.elapsedNanos() >= Duration.ofSeconds(60).toNanos(), "not before the reset");
        }
    }

    /** 200 to every request, with the header {@code header.apply(n)} on the n-th (0-based). */
    private static Handler first(IntFunction<String> header) {
        AtomicInteger calls = new AtomicInteger();
        return exchange -> exchange.respond(200, "ok\n", header.apply(calls.getAndIncrement()));
    }

    /** 429 with {@code headers} to the first request, 200 after. */
    private static Handler tooManyFirst(String... headers) {
        AtomicInteger calls = new AtomicInteger();
        return exchange -> {
            if (calls.getAndIncrement() == 0) {
                exchange.respond(429, "slow down\n", headers);
            } else {
                exchange.respond(200, "ok\n");
            }
        };
    }
}
