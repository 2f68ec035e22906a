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
    void readsTheAsctimeForm() {
        assertEquals(OptionalLong.of(30_000), RetryAfter.delayMillis("Sat Nov 21 12:00:30 2026", NOW));
        // asctime pads a one-digit day with a space
        assertEquals(OptionalLong.of(86_400_000L + 30_000),
                RetryAfter.delayMillis("Sun Nov 22 12:00:30 2026", NOW));
        assertEquals(OptionalLong.of(0), RetryAfter.delayMillis("Sun Nov  1 12:00:30 2026", NOW));
        long dec1 = Instant.parse("2026-12-01T12:00:30Z").toEpochMilli() - NOW;
        assertEquals(OptionalLong.of(dec1), RetryAfter.delayMillis("Tue Dec  1 12:00:30 2026", NOW));
    }

    @Test
    void anRfc850YearMoreThanFiftyYearsAheadIsInThePreviousCentury() {
        // RFC 9110 5.6.7: in 2026, "94" is 1994 (2094 would be more than 50 years ahead) ...
        assertEquals(OptionalLong.of(0), RetryAfter.delayMillis("Sunday, 06-Nov-94 08:49:37 GMT", NOW));
        // ... and "76" is 2076, exactly 50 years ahead, not more.
        long in2076 = Instant.parse("2076-11-21T12:00:00Z").toEpochMilli() - NOW;
        assertEquals(OptionalLong.of(in2076), RetryAfter.delayMillis("Saturday, 21-Nov-76 12:00:00 GMT", NOW));
        // a day later than that is more than 50 years ahead: 1976, in the past
        assertEquals(OptionalLong.of(0), RetryAfter.delayMillis("Sunday, 22-Nov-76 12:00:00 GMT", NOW));
    }

    @Test
    void anRfc850YearIsReadRelativeToNowNotToAFixedCentury() {
        long now2090 = Instant.parse("2090-06-01T00:00:00Z").toEpochMilli();
        long to2105 = Instant.parse("2105-06-01T00:00:00Z").toEpochMilli() - now2090;
        assertEquals(OptionalLong.of(to2105), RetryAfter.delayMillis("Monday, 01-Jun-05 00:00:00 GMT", now2090));
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
