package dev.salvo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.FetchResult;
import dev.salvo.FetchRun;
import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;
import dev.salvo.testing.MisbehavingServer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code perIp}: several host names mapped by {@code resolve} to one loopback address share
 * that address's cap, counted by the server there; a name on another address has its own.
 */
@Timeout(30)
class PerIpLimitTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void namesOnOneAddressShareItsCap() throws Exception {
        try (MisbehavingServer shared = MisbehavingServer.start("127.0.0.2");
             MisbehavingServer alone = MisbehavingServer.start("127.0.0.3")) {
            SalvoConfig.Builder config = SalvoConfig.builder().concurrency(64).perHost(4).perIp(3).retries(0);
            List<String> names = List.of("a.test", "b.test", "c.test", "d.test");
            for (String name : names) {
                config.resolve(name + ":" + shared.port() + ":127.0.0.2");
            }
            config.resolve("e.test:" + alone.port() + ":127.0.0.3");
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                urls.add("http://" + names.get(i % 4) + ":" + shared.port() + "/gate/" + i);
            }
            for (int i = 0; i < 10; i++) {
                urls.add("http://e.test:" + alone.port() + "/gate/" + i);
            }
            try (Salvo salvo = Salvo.create(config.build())) {
                Results results = new Results();
                FetchRun run = salvo.start(Inputs.requests(urls), results);

                // Four names with a per-host cap of 4 would put 16 in flight; the address allows 3.
                assertTrue(shared.inflightGauge().awaitCurrent(3, WAIT), "3 in flight at 127.0.0.2: " + shared);
                assertTrue(alone.inflightGauge().awaitCurrent(3, WAIT), "and 3 at 127.0.0.3: " + alone);
                assertEquals(3, shared.inflight(), "no more than the address's cap while 37 URLs wait");
                shared.openGate();
                alone.openGate();
                assertTrue(run.await(WAIT), "run finished");

                assertEquals(50, results.count(FetchResult::ok));
                assertEquals(3, shared.peakInflight(), "peak at the shared address");
                assertEquals(3, alone.peakInflight(), "peak at the other address");
            }
        }
    }
}
