package dev.salvo.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Checks {@link FakeTime}. Each test logs what ran as "name@elapsed" and asserts on the log, so
 * the expected order and timing read as text.
 */
@Timeout(10)
class FakeTimeTest {

    private final FakeTime time = new FakeTime();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    private Runnable logs(String name) {
        return () -> log.add(name + "@" + Duration.ofNanos(time.elapsedNanos()).toMillis() + "ms");
    }

    @Test
    void startsAtFixedTimesAndOnlyMovesWhenAdvanced() {
        assertEquals(FakeTime.START_NANOS, time.nanoTime());
        assertEquals(Instant.parse("2025-01-01T00:00:00Z").toEpochMilli(), time.epochMillis());
        assertEquals(FakeTime.START_NANOS, time.nanoTime());
        time.advance(Duration.ofMillis(1500));
        assertEquals(FakeTime.START_NANOS + 1_500_000_000L, time.nanoTime());
        assertEquals(Instant.parse("2025-01-01T00:00:01.500Z"), time.instant());
        assertEquals(time.instant().toEpochMilli(), time.epochMillis());
    }

    @Test
    void runsDueTasksInDueOrderThenSchedulingOrderAtTheirDueTime() {
        time.schedule(ms(300), logs("c"));
        time.schedule(ms(100), logs("a"));
        time.schedule(ms(300), logs("d"));
        time.schedule(ms(200), logs("b"));
        time.schedule(ms(900), logs("later"));
        time.advance(Duration.ofMillis(500));
        assertEquals(List.of("a@100ms", "b@200ms", "c@300ms", "d@300ms"), log);
        assertEquals(500, Duration.ofNanos(time.elapsedNanos()).toMillis());
        assertEquals(List.of(ms(400)), time.pendingDelaysNanos());
    }

    @Test
    void tasksScheduledDuringAnAdvanceRunIfDueWithinIt() {
        time.schedule(ms(100), () -> {
            logs("first").run();
            time.schedule(ms(50), logs("chained"));
            time.schedule(ms(500), logs("beyond"));
        });
        time.advance(Duration.ofMillis(200));
        assertEquals(List.of("first@100ms", "chained@150ms"), log);
        assertEquals(List.of(Duration.ofMillis(400)), time.pendingTimers().stream().map(FakeTime.PendingTimer::delay).toList());
    }

    @Test
    void zeroAndNegativeDelaysWaitForTheNextAdvance() {
        time.schedule(0, logs("zero"));
        time.schedule(-5, logs("negative"));
        assertEquals(List.of(), log);   // never run inside schedule()
        time.runDueTasks();
        assertEquals(List.of("zero@0ms", "negative@0ms"), log);
    }

    @Test
    void cancelledTasksDoNotRun() {
        TimeSource.Cancellable cancelled = time.schedule(ms(100), logs("cancelled"));
        time.schedule(ms(200), logs("kept"));
        cancelled.cancel();
        cancelled.cancel();   // idempotent
        time.advance(Duration.ofSeconds(1));
        assertEquals(List.of("kept@200ms"), log);
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), time.requestedDelays());
    }

    @Test
    void runNextTimerJumpsExactlyToTheEarliestTimer() {
        time.schedule(ms(2000), logs("two"));
        time.schedule(ms(700), logs("one"));
        FakeTime.PendingTimer ran = time.runNextTimer();
        assertEquals(Duration.ofMillis(700), ran.delay());
        assertEquals(List.of("one@700ms"), log);
        assertEquals(List.of(ms(1300)), time.pendingDelaysNanos());
        time.runNextTimer();
        assertEquals(List.of("one@700ms", "two@2000ms"), log);
        assertThrows(IllegalStateException.class, time::runNextTimer);
    }

    @Test
    void awaitPendingTimerSeesTimersScheduledFromOtherThreads() throws Exception {
        Thread engine = Thread.ofVirtual().start(() -> time.schedule(ms(2000), logs("retry")));
        FakeTime.PendingTimer timer = time.awaitPendingTimer(Duration.ofSeconds(20));   // returns as soon as it is there
        assertEquals(Duration.ofSeconds(2), timer.delay());   // "the engine asked to wait 2 s"
        engine.join(Duration.ofSeconds(20));
        time.advance(timer.delay());
        assertEquals(List.of("retry@2000ms"), log);
    }

    @Test
    void awaitPendingTimerFailsAfterItsRealTimeout() {
        AssertionError error = assertThrows(AssertionError.class, () -> time.awaitPendingTimer(Duration.ofMillis(20)));
        assertTrue(error.getMessage().contains("found 0"), error.getMessage());
    }

    @Test
    void concurrentSchedulingRunsEveryTaskOnce() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 1000; i++) {
                    time.schedule(ms(i % 10), runs::incrementAndGet);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(5));
        }
        time.advance(Duration.ofMillis(10));
        assertEquals(8000, runs.get());
        assertEquals(List.of(), time.pendingTimers());
    }

    /** Were a year of fake time slept, the JUnit timeout would end the test; no timed assertion needed. */
    @Test
    @Timeout(30)
    void neverSleepsEvenForAYear() {
        time.schedule(Duration.ofDays(365).toNanos(), logs("anniversary"));
        time.advance(Duration.ofDays(366));
        assertEquals(1, log.size());
        assertEquals(Duration.ofDays(366).toNanos(), time.elapsedNanos());
    }

    @Test
    void stopsATaskThatReschedulesItselfForever() {
        time.schedule(0, new Runnable() {
            @Override
            public void run() {
                time.schedule(0, this);
            }
        });
        assertThrows(IllegalStateException.class, () -> time.advance(Duration.ofSeconds(1)));
    }

    private static long ms(long millis) {
        return Duration.ofMillis(millis).toNanos();
    }
}
