package dev.salvo.internal.policy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BackoffTest {

    private static final long MS = 1_000_000L;

    @Test
    void ceilingDoublesFromTheBaseUntilTheCap() {
        long base = 500 * MS;
        long max = 30_000 * MS;
        assertEquals(500 * MS, Backoff.ceilingNanos(0, base, max));
        assertEquals(1_000 * MS, Backoff.ceilingNanos(1, base, max));
        assertEquals(2_000 * MS, Backoff.ceilingNanos(2, base, max));
        assertEquals(16_000 * MS, Backoff.ceilingNanos(5, base, max));
        assertEquals(30_000 * MS, Backoff.ceilingNanos(6, base, max));
        assertEquals(30_000 * MS, Backoff.ceilingNanos(1_000, base, max), "no overflow for huge retry counts");
    }

    @Test
    void fullJitterSpansZeroToTheCeiling() {
        long base = 500 * MS;
        long max = 30_000 * MS;
        assertEquals(0, Backoff.delayNanos(3, base, max, 0.0));
        assertEquals(2_000 * MS, Backoff.delayNanos(3, base, max, 0.5));
        assertEquals(3_999_999_999L, Backoff.delayNanos(3, base, max, 0.99999999975));
    }

    @Test
    void zeroBaseMeansNoWait() {
        assertEquals(0, Backoff.delayNanos(4, 0, 1_000 * MS, 0.7));
    }

    @Test
    void rejectsOutOfRangeInputs() {
        assertThrows(IllegalArgumentException.class, () -> Backoff.delayNanos(0, MS, MS, 1.0));
        assertThrows(IllegalArgumentException.class, () -> Backoff.delayNanos(-1, MS, MS, 0.5));
    }
}
