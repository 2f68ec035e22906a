package dev.salvo.internal.policy;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RetryAfterTest {

    private static final long NOW = Instant.parse("2026-11-21T12:00:00Z").toEpochMilli();

    @Test
    void readsSeconds() {
        assertEquals(OptionalLong.of(120_000), RetryAfter.delayMillis("120", NOW));
        assertEquals(OptionalLong.of(0), RetryAfter.delayMillis(" 0 ", NOW));
    }

    @Test
    void readsAnImfFixdateRelativeToNow() {
        assertEquals(OptionalLong.of(90_000), RetryAfter.delayMillis("Sat, 21 Nov 2026 12:01:30 GMT", NOW));
    }

    @Test
    void readsTheObsoleteRfc850Form() {
        assertEquals(OptionalLong.of(30_000), RetryAfter.delayMillis("Saturday, 21-Nov-26 12:00:30 GMT", NOW));
    }

    @Test
    void aDateInThePastMeansNoWait() {
        assertEquals(OptionalLong.of(0), RetryAfter.delayMillis("Sat, 21 Nov 2026 11:00:00 GMT", NOW));
    }

    @Test
    void ignoresWhatItCannotRead() {
        assertEquals(OptionalLong.empty(), RetryAfter.delayMillis(null, NOW));
        assertEquals(OptionalLong.empty(), RetryAfter.delayMillis("", NOW));
        assertEquals(OptionalLong.empty(), RetryAfter.delayMillis("soon", NOW));
        assertEquals(OptionalLong.empty(), RetryAfter.delayMillis("-5", NOW));
    }

    @Test
    void anAbsurdlyLongNumberIsLongerThanAnyCap() {
        assertEquals(true, RetryAfter.delayMillis("99999999999999999999", NOW).getAsLong() > 365L * 86_400_000L);
    }
}
