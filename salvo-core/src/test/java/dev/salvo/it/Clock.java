package dev.salvo.it;

import static org.junit.jupiter.api.Assertions.fail;

import dev.salvo.FetchRun;
import dev.salvo.testing.FakeTime;

import java.time.Duration;

/** Drives a {@link FakeTime} for a run that proceeds on Salvo's own threads. */
final class Clock {

    private Clock() {
    }

    /**
     * Runs the engine's timers one at a time, earliest first, until {@code run} has delivered
     * every result. Between timers it gives the engine a few real milliseconds to act; it never
     * moves time past a timer, so every wait the engine asked for is taken exactly.
     *
     * @param maxTimers a bound on the timers this run may need; more fails the test
     */
    static void runUntilDone(FakeTime time, FetchRun run, int maxTimers) throws InterruptedException {
        int ran = 0;
        while (!run.await(Duration.ofMillis(5))) {
            if (time.pendingTimers().isEmpty()) {
                continue;   // the engine is busy with I/O; the class-level @Timeout bounds this
            }
            if (++ran > maxTimers) {
                fail("run still going after " + maxTimers + " timers: " + time);
            }
            time.runNextTimer();
        }
    }
}
