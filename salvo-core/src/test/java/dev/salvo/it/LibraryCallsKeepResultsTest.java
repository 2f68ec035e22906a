package dev.salvo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 8, fault 4: the library's calls keep the promise of one result per URL when the caller's
 * thread is interrupted, when the caller's iterator misbehaves, and when a run is stopped while a
 * request is being read.
 */
@Timeout(20)
class LibraryCallsKeepResultsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void fetchAllOnAnInterruptedThreadGivesEveryUrlAResultAndKeepsTheInterrupt() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().build())) {
            List<String> urls = Inputs.urls(server, "/ok", 5);
            Thread.currentThread().interrupt();
            List<FetchResult> results;
            try {
                results = salvo.fetchAll(urls);
            } finally {
                assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
            }
            assertEquals(5, results.size());
            for (int i = 0; i < 5; i++) {
                FetchResult result = results.get(i);
                assertTrue(result != null, "result " + i + " is missing");
                assertEquals(i, result.index());
                assertTrue(result.ok() || result.error().type() == ErrorType.CANCELLED, result.toString());
            }
        }
    }

    @Test
    void aNullFromTheInputEndsTheRunWithAClearError() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().build())) {
            String ok = server.url("/ok/1").toString();
            Iterator<FetchRequest> input = new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < 3;
                }

                @Override
                public FetchRequest next() {
                    int index = next++;
                    return index == 1 ? null : FetchRequest.of(index, ok);
                }
            };
            Results results = new Results();
            FetchRun run = salvo.start(input, results);
            NullPointerException thrown = assertThrows(NullPointerException.class, () -> run.await(WAIT));
            assertTrue(thrown.getMessage().contains("null"), thrown.getMessage());
            assertTrue(run.isDone());
            assertEquals(1, results.all().size(), "the request read before the null has its result");
        }
    }

    @Test
    void aRequestReadWhileTheRunStopsStillGetsItsResult() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().build())) {
            String ok = server.url("/ok/1").toString();
            AtomicReference<FetchRun> runRef = new AtomicReference<>();
            Iterator<FetchRequest> input = new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public FetchRequest next() {
                    int index = next++;
                    if (index == 2) {
                        while (runRef.get() == null) {
                            Thread.onSpinWait();
                        }
                        runRef.get().stop(Duration.ZERO);
                    }
                    return FetchRequest.of(index, ok);
                }
            };
            Results results = new Results();
            runRef.set(salvo.start(input, results));
            assertTrue(runRef.get().await(WAIT), "run ended");
            assertEquals(List.of(0L, 1L, 2L), results.byIndex().stream().map(FetchResult::index).toList(),
                    "the request read as the run stopped has its result too");
        }
    }

    @Test
    void anInputThatThrowsEndsTheRunWithEveryRequestReadBeforeItAnswered() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().build())) {
            String ok = server.url("/ok/1").toString();
            Iterator<FetchRequest> input = new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public FetchRequest next() {
                    int index = next++;
                    if (index == 3) {
                        throw new IllegalStateException("the input broke");
                    }
                    return FetchRequest.of(index, ok);
                }
            };
            Results results = new Results();
            FetchRun run = salvo.start(input, results);
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> run.await(WAIT));
            assertEquals("the input broke", thrown.getMessage());
            assertEquals(List.of(0L, 1L, 2L), results.byIndex().stream().map(FetchResult::index).toList());
        }
    }
}
