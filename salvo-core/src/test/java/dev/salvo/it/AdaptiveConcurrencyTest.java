package dev.salvo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.FetchResult;
import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;
import dev.salvo.SalvoEvent;
import dev.salvo.testing.Exchange;
import dev.salvo.testing.MisbehavingServer;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code adaptive} against a real server that takes K requests at once and answers 429 (without
 * Retry-After) to any request above that. The server counts its own 429s.
 *
 * <p>The time comparison is against a run measured in the same test with the per-host cap set
 * to K by hand (the ideal a user who knew K would get), not against a computed ideal: both runs
 * pay the same loopback and machine-load overheads, so the ratio stays meaningful on a loaded
 * machine. Each request takes {@value #LATENCY_MS} ms at the server, which dwarfs those
 * overheads; 1.6x leaves room for slow start and for the limit sawing between 0.7K and K+1.
 */
@Timeout(120)
class AdaptiveConcurrencyTest {

    private static final int K = 4;
    private static final int URLS = 160;
    private static final long LATENCY_MS = 40;

    /** A handler that allows K requests in flight and refuses the rest with a bare 429. */
    private static final class KLimited {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();

        void handle(Exchange exchange) throws IOException {
            if (inFlight.incrementAndGet() > K) {
                inFlight.decrementAndGet();
                refused.incrementAndGet();
                exchange.respond(429, "too many at once\n");
                return;
            }
            try {
                exchange.pause(Duration.ofMillis(LATENCY_MS));
            } finally {
                // Before the answer leaves: the client cannot start the next request before this.
                inFlight.decrementAndGet();
            }
            exchange.respond(200, "ok\n");
        }
    }

    private record Run(long nanos, int refused, List<FetchResult> results, Integer lastLimit) { }

    private static Run run(int perHost, boolean adaptive, int urls) throws Exception {
        KLimited limited = new KLimited();
        Integer[] lastLimit = new Integer[1];
        try (MisbehavingServer server = MisbehavingServer.builder().route("/k", limited::handle).start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().concurrency(64).perHost(perHost).adaptive(adaptive)
                     .retries(20).backoff(Duration.ofMillis(20)).maxBackoff(Duration.ofMillis(200))
                     .circuitFailures(0)
                     .listener(event -> {
                         if (event instanceof SalvoEvent.HostLimitChanged changed) {
                             lastLimit[0] = changed.limit();
                         }
                     }).build())) {
            long start = System.nanoTime();
            List<FetchResult> results = salvo.fetchAll(Inputs.urls(server, "/k", urls));
            return new Run(System.nanoTime() - start, limited.refused.get(), results, lastLimit[0]);
        }
    }

    @Test
    void settlesNearWhatTheHostTakes() throws Exception {
        run(K, false, 20);   // warms up the JVM, so the run by hand does not pay for class loading
        Run byHand = run(K, false, URLS);
        Run adaptive = run(32, true, URLS);
        Run fixed = run(32, false, URLS);
        String numbers = String.format("per-host %d by hand: %d ms, %d 429s; adaptive per-host 32: %d ms, %d 429s, "
                        + "last limit %s; fixed per-host 32: %d ms, %d 429s", K, byHand.nanos / 1_000_000,
                byHand.refused, adaptive.nanos / 1_000_000, adaptive.refused, adaptive.lastLimit,
                fixed.nanos / 1_000_000, fixed.refused);
        System.out.println("AdaptiveConcurrencyTest: " + numbers);

        assertEquals(0, byHand.refused, numbers);
        assertEquals(URLS, adaptive.results.stream().filter(FetchResult::ok).count(), "every URL fetched: " + numbers);
        assertTrue(adaptive.nanos <= 1.6 * byHand.nanos, "adaptive within 1.6x of the run capped at K: " + numbers);
        assertTrue(adaptive.refused * 3 < fixed.refused, "under a third of the 429s without adaptive: " + numbers);
    }
}
