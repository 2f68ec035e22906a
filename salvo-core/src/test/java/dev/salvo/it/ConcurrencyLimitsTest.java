package dev.salvo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.FetchResult;
import dev.salvo.FetchRun;
import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;
import dev.salvo.testing.MisbehavingServer;
import dev.salvo.testing.SharedInflight;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The global and per-host caps hold, counted by the servers themselves (no timing), and
 * connections are reused rather than opened per request.
 */
@Timeout(30)
class ConcurrencyLimitsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void globalCapHoldsAcrossHostsAndIsReached() throws Exception {
        SharedInflight gauge = new SharedInflight();
        List<MisbehavingServer> servers = new ArrayList<>();
        try (Salvo salvo = Salvo.create(SalvoConfig.builder().concurrency(10).perHost(8).retries(0).build())) {
            for (int h = 1; h <= 4; h++) {
                servers.add(MisbehavingServer.builder().address("127.0.0." + h)
                        .sharedInflight(gauge).start());
            }
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                urls.add(servers.get(i % 4).url("/gate/" + i).toString());
            }
            Results results = new Results();
            FetchRun run = salvo.start(Inputs.requests(urls), results);

            // The gates hold every request, so the cap is reached and then nothing more can go.
            assertTrue(gauge.awaitCurrent(10, WAIT), "10 in flight at once: " + gauge);
            assertEquals(10, gauge.current(), "no more than the cap, while 190 URLs wait");
            servers.forEach(MisbehavingServer::openGate);
            assertTrue(run.await(WAIT), "run finished");

            assertEquals(200, results.count(FetchResult::ok));
            assertEquals(10, gauge.peak(), "peak in flight over all hosts: " + gauge);
        } finally {
            servers.forEach(MisbehavingServer::close);
        }
    }

    @Test
    void perHostCapHolds() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().concurrency(50).perHost(3).retries(0).build())) {
            Results results = new Results();
            FetchRun run = salvo.start(Inputs.requests(Inputs.urls(server, "/gate", 30)), results);

            assertTrue(server.inflightGauge().awaitCurrent(3, WAIT), "3 in flight: " + server);
            assertEquals(3, server.inflight());
            server.openGate();
            assertTrue(run.await(WAIT), "run finished");

            assertEquals(30, results.count(FetchResult::ok));
            assertEquals(3, server.peakInflight());
        }
    }

    @Test
    void connectionsAreReused() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().concurrency(64).perHost(4).retries(0).build())) {
            List<FetchResult> results = salvo.fetchAll(Inputs.urls(server, "/ok", 200));

            assertEquals(200, results.stream().filter(FetchResult::ok).count());
            assertEquals(200, server.requestCount());
            assertTrue(server.connectionCount() <= 4, "at most perHost connections, was " + server.connectionCount());
        }
    }
}
