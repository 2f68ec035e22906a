package dev.salvo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.ErrorType;
import dev.salvo.FetchRequest;
import dev.salvo.FetchResult;
import dev.salvo.FetchRun;
import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;
import dev.salvo.testing.MisbehavingServer;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Stopping a run ends every URL read so far with exactly one result, in-flight ones included. */
@Timeout(20)
class CancellationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void stopEndsEveryReadUrlAsCancelled() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().concurrency(8).perHost(8).window(64).build())) {
            String base = server.url("/gate/").toString();
            AtomicLong read = new AtomicLong();
            Iterator<FetchRequest> endless = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public FetchRequest next() {
                    long index = read.getAndIncrement();
                    return FetchRequest.of(index, base + index);
                }
            };
            Results results = new Results();
            FetchRun run = salvo.start(endless, results);
            assertTrue(server.inflightGauge().awaitCurrent(8, WAIT), "8 held at the gate: " + server);

            run.stop(Duration.ZERO);

            assertTrue(run.await(WAIT), "run ended");
            assertTrue(run.isDone());
            assertEquals(read.get(), results.all().size(), "one result per URL read");
            assertEquals(read.get(), results.byIndex().stream().map(FetchResult::index).distinct().count());
            assertEquals(results.all().size(), results.count(r -> r.error() != null
                    && r.error().type() == ErrorType.CANCELLED), "all cancelled: " + results.all().get(0));
            assertEquals(8, results.count(r -> r.attempts() == 1), "the eight in flight");
            assertTrue(read.get() >= 8 && read.get() <= 64, "read within the window: " + read.get());
        }
    }

    @Test
    void closingSalvoMidRunCancelsTheRunInsteadOfStrandingIt() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start()) {
            Salvo salvo = Salvo.create(SalvoConfig.builder().concurrency(4).perHost(4).build());
            List<String> urls = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                urls.add(server.url("/gate/" + i).toString());
            }
            Results results = new Results();
            FetchRun run = salvo.start(Inputs.requests(urls), results);
            assertTrue(server.inflightGauge().awaitCurrent(4, WAIT), "4 held at the gate: " + server);

            salvo.close();

            assertTrue(run.await(WAIT), "run ended");
            assertEquals(20, results.all().size(), "one result per URL");
            assertEquals(20, results.count(r -> r.error() != null && r.error().type() == ErrorType.CANCELLED));
        }
    }

    @Test
    void aFailingSinkStopsTheRunAndAwaitReportsIt() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().concurrency(4).perHost(4).build())) {
            List<String> urls = new java.util.ArrayList<>();
            // Four quick URLs, then URLs held at the gate: with four slots, at most eight requests
            // can ever be sent before the failing sink stops the run, however slow this machine is.
            for (int i = 0; i < 200; i++) {
                urls.add(server.url((i < 4 ? "/ok/" : "/gate/") + i).toString());
            }
            AtomicLong delivered = new AtomicLong();
            FetchRun run = salvo.start(Inputs.requests(urls), result -> {
                if (delivered.incrementAndGet() == 3) {
                    throw new java.io.UncheckedIOException(new java.io.IOException("disk full"));
                }
            });

            java.io.UncheckedIOException failure = org.junit.jupiter.api.Assertions.assertThrows(
                    java.io.UncheckedIOException.class, () -> run.await(WAIT));
            assertEquals("disk full", failure.getCause().getMessage());
            assertTrue(run.isDone());
            assertTrue(server.requestCount() <= 8, "the run stopped: " + server.requestCount() + " requests");
        }
    }
}
