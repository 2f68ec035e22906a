package dev.salvo.internal.policy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bucket is driven by a clock the test moves by hand. Like Guava's RateLimiterTest, each
 * request is logged as text ("go" or "wait Nms") and the log is asserted, so a failure shows
 * the whole schedule.
 */
class TokenBucketTest {

    private static final long MS = 1_000_000L;

    /** Sends {@code count} requests as fast as the bucket allows, advancing the clock by each wait. */
    private static List<String> drive(TokenBucket bucket, long startNanos, int count) {
        List<String> log = new ArrayList<>();
        long now = startNanos;
        for (int i = 0; i < count; i++) {
            long wait = bucket.nanosUntilAvailable(now);
            if (wait > 0) {
                log.add("wait " + Math.round(wait / (double) MS) + "ms");
                now += wait;
                assertEquals(0, bucket.nanosUntilAvailable(now), "a token must be there after the wait");
            }
            bucket.take(now);
            log.add("go");
        }
        return log;
    }

    @Test
    void startsFullThenPacesAtTheRate() {
        TokenBucket bucket = new TokenBucket(10, 3, 0);
        assertEquals(List.of("go", "go", "go", "wait 100ms", "go", "wait 100ms", "go"), drive(bucket, 0, 5));
    }

    @Test
    void burstOfOneMeansStrictPacing() {
        TokenBucket bucket = new TokenBucket(4, 1, 0);
        assertEquals(List.of("go", "wait 250ms", "go", "wait 250ms", "go"), drive(bucket, 0, 3));
    }

    @Test
    void refillsWhileIdleButNeverBeyondCapacity() {
        TokenBucket bucket = new TokenBucket(10, 2, 0);
        drive(bucket, 0, 2);
        // A long idle period refills only up to the capacity, so the next burst is 2, not 100.
        long later = 10_000 * MS;
        assertEquals(2.0, bucket.available(later), 1e-9);
        assertTrue(bucket.isFull(later));
        assertEquals(List.of("go", "go", "wait 100ms", "go"), drive(bucket, later, 3));
    }

    @Test
    void fractionalRatesWork() {
        TokenBucket bucket = new TokenBucket(0.5, 1, 0); // one every two seconds
        assertEquals(List.of("go", "wait 2000ms", "go"), drive(bucket, 0, 2));
    }

    @Test
    void takingWithoutATokenIsAProgrammingError() {
        TokenBucket bucket = new TokenBucket(1, 1, 0);
        bucket.take(0);
        assertThrows(IllegalStateException.class, () -> bucket.take(0));
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(1, 0, 0));
    }
}
