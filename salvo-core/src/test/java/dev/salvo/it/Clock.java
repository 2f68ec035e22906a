package dev.salvo.it;

import static org.junit.jupiter.api.Assertions.fail;

import dev.salvo.FetchRun;
import dev.salvo.testing.FakeTime;

import java.time.Duration;
import java.util.List;

/** Drives a {@link FakeTime} for a run that proceeds on Salvo's own threads. */
final class Clock {

    /**
     * How long the engine must have been still before the next timer runs. It only has to cover
     * the engine finishing the turn it is on (microseconds of work, no I/O: requests in flight are
     * waited for by count, not by time), so a tenth of a second is generous on a loaded machine.
     */
    private static final Duration SETTLE = Duration.ofMillis(100);

    private Clock() {
    }

    /**
     * Runs the engine's timers one at a time, earliest first, until {@code run} has delivered
     * every result. It runs the next timer only when the engine has settled: no attempt in flight
     * (counted from {@code events}, which must be the run's listener), since the outcome of one
     * may schedule an earlier timer; at least one timer pending; and no new event or timer for
     * {@link #SETTLE}. It never moves time past a timer, so every wait the engine asked for is
     * taken exactly.
     *
     * @param maxTimers a bound on the timers this run may need; more fails the test
     */
    static void runUntilDone(FakeTime time, FetchRun run, Events events, int maxTimers) throws InterruptedException {
        int ran = 0;
        while (!run.await(SETTLE)) {
            if (!settled(time, run, events)) {
                continue;   // the engine is busy; the class-level @Timeout bounds this
            }
            if (++ran > maxTimers) {
                fail("run still going after " + maxTimers + " timers: " + time);
            }
            time.runNextTimer();
        }
    }

    private static boolean settled(FakeTime time, FetchRun run, Events events) throws InterruptedException {
        if (events.inFlight() > 0) {
            return false;
        }
        List<FakeTime.PendingTimer> timers = time.pendingTimers();
        int seen = events.count();
        if (timers.isEmpty() || run.await(SETTLE)) {
            return false;
        }
        // Only the test moves the fake clock, so unchanged timers compare equal.
        return events.inFlight() == 0 && events.count() == seen && time.pendingTimers().equals(timers);
    }
}
