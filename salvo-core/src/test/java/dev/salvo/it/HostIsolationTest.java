package dev.salvo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.FetchResult;
import dev.salvo.FetchRun;
import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;
import dev.salvo.testing.FakeTime;
import dev.salvo.testing.MisbehavingServer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A host that is stuck or rate-limited does not hold back a healthy one: the healthy host's
 * results all arrive while the other host's requests are still held.
 */
@Timeout(30)
class HostIsolationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void stuckHostDoesNotHoldBackAHealthyOne() throws Exception {
        try (MisbehavingServer stuck = MisbehavingServer.start("127.0.0.1");
             MisbehavingServer healthy = MisbehavingServer.start("127.0.0.2");
             Salvo salvo = Salvo.create(SalvoConfig.builder().concurrency(12).perHost(4).retries(0).build())) {
            List<String> urls = interleave(Inputs.urls(stuck, "/gate", 50), Inputs.urls(healthy, "/ok", 50));
            Results results = new Results();
            FetchRun run = salvo.start(Inputs.requests(urls), results);

            assertTrue(results.await(Results.urlStartsWith(healthy.baseUrl()), 50, WAIT),
                    "all 50 results of the healthy host, got " + results.all().size());
            assertEquals(0, results.count(Results.urlStartsWith(stuck.baseUrl())), "the stuck host is still held");
            assertEquals(4, stuck.inflight());

            stuck.openGate();
            assertTrue(run.await(WAIT), "run finished");
            assertEquals(100, results.count(FetchResult::ok));
        }
    }

    @Test
    void rateLimitedHostDoesNotHoldBackAnother() throws Exception {
        FakeTime time = new FakeTime();
        // Each host's bucket holds 10 tokens and refills one every 100 s: the limited host has
        // 30 URLs, so 20 of them must wait; the other host has 10 and never waits.
        Events events = new Events();
        SalvoConfig config = SalvoConfig.builder().concurrency(20).perHost(4).perHostRate(0.01).burst(10)
                .retries(0).timeSource(time).listener(events).build();
        try (MisbehavingServer limited = MisbehavingServer.start("127.0.0.1");
             MisbehavingServer other = MisbehavingServer.start("127.0.0.2");
             Salvo salvo = Salvo.create(config)) {
            List<String> urls = new ArrayList<>(Inputs.urls(limited, "/ok", 30));
            urls.addAll(Inputs.urls(other, "/ok", 10));
            Results results = new Results();
            FetchRun run = salvo.start(Inputs.requests(urls), results);

            assertTrue(results.await(Results.urlStartsWith(other.baseUrl()), 10, WAIT),
                    "all 10 results of the other host, got " + results.all().size());
            assertTrue(results.await(Results.urlStartsWith(limited.baseUrl()), 10, WAIT), "the limited host's burst");
            time.awaitPendingTimer(WAIT);
            assertEquals(10, limited.requestCount(), "the limited host waits for tokens");
            assertEquals(0, time.elapsedNanos(), "no time has passed");

            Clock.runUntilDone(time, run, events, 40);
            assertEquals(40, results.count(FetchResult::ok));
            assertEquals(30, limited.requestCount());
        }
    }

    private static List<String> interleave(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            if (i < a.size()) {
                out.add(a.get(i));
            }
            if (i < b.size()) {
                out.add(b.get(i));
            }
        }
        return out;
    }
}
