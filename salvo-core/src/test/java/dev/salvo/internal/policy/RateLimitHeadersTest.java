package dev.salvo.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.salvo.internal.policy.RateLimitHeaders.Fields;
import dev.salvo.testing.FakeTime;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Every form of rate-limit field, read against a clock the test moves by hand. */
class RateLimitHeadersTest {

    private final FakeTime time = new FakeTime();

    private OptionalLong waitFor(Map<String, String> headers) {
        return RateLimitHeaders.exhaustedForMillis(Fields.of(headers::get), time.epochMillis());
    }

    private static OptionalLong ms(long millis) {
        return OptionalLong.of(millis);
    }

    @Test
    void currentDraftStructuredField() {
        assertEquals(ms(30_000), waitFor(Map.of("ratelimit", "\"default\";r=0;t=30")));
        assertEquals(OptionalLong.empty(), waitFor(Map.of("ratelimit", "\"default\";r=5;t=30")), "quota left");
        // Several policies: the longest wait among those with nothing left.
        assertEquals(ms(3_600_000), waitFor(Map.of("ratelimit", "\"burst\";r=0;t=1, \"day\";r=0;t=3600")));
        assertEquals(ms(2_000), waitFor(Map.of("ratelimit", "\"day\";r=10;t=3600, burst;r=0;t=2")));
    }

    @Test
    void aPolicyWithoutResetTakesItsWindowFromRateLimitPolicy() {
        assertEquals(ms(60_000), waitFor(Map.of("ratelimit", "\"default\";r=0",
                "ratelimit-policy", "\"other\";q=5;w=1, \"default\";q=100;w=60")));
        assertEquals(OptionalLong.empty(), waitFor(Map.of("ratelimit", "\"default\";r=0")), "no reset known");
    }

    @Test
    void draft07Dictionary() {
        assertEquals(ms(50_000), waitFor(Map.of("ratelimit", "limit=100, remaining=0, reset=50")));
        assertEquals(OptionalLong.empty(), waitFor(Map.of("ratelimit", "limit=100, remaining=1, reset=50")));
    }

    @Test
    void earlierDraftsSplitFields() {
        assertEquals(ms(7_000), waitFor(Map.of("ratelimit-remaining", "0", "ratelimit-reset", "7")));
        assertEquals(OptionalLong.empty(), waitFor(Map.of("ratelimit-remaining", "9", "ratelimit-reset", "7")));
    }

    @Test
    void xRateLimitResetIsToldApartByItsMagnitude() {
        long nowSeconds = time.epochMillis() / 1000;
        assertEquals(ms(10_000), waitFor(Map.of("x-ratelimit-remaining", "0", "x-ratelimit-reset", "10")),
                "small: seconds from now");
        assertEquals(ms(20_000), waitFor(Map.of("x-ratelimit-remaining", "0",
                "x-ratelimit-reset", Long.toString(nowSeconds + 20))), "epoch seconds");
        assertEquals(ms(1_500), waitFor(Map.of("x-ratelimit-remaining", "0",
                "x-ratelimit-reset", Long.toString(time.epochMillis() + 1_500))), "epoch milliseconds");
        assertEquals(ms(0), waitFor(Map.of("x-ratelimit-remaining", "0",
                "x-ratelimit-reset", Long.toString(nowSeconds - 5))), "in the past: no wait");
        // The same epoch reset read later asks for less.
        time.advance(Duration.ofSeconds(15));
        assertEquals(ms(5_000), waitFor(Map.of("x-ratelimit-remaining", "0",
                "x-ratelimit-reset", Long.toString(nowSeconds + 20))));
        assertEquals(ms(1_250), waitFor(Map.of("x-ratelimit-remaining", "0", "x-ratelimit-reset", "1.25")),
                "fractional seconds");
    }

    @Test
    void nothingLeftWithoutAResetIsNoPause() {
        assertEquals(OptionalLong.empty(), waitFor(Map.of("x-ratelimit-remaining", "0")));
    }

    @Test
    void theLongestWaitWinsAcrossFields() {
        assertEquals(ms(90_000), waitFor(Map.of("ratelimit", "\"a\";r=0;t=30",
                "x-ratelimit-remaining", "0", "x-ratelimit-reset", "90")));
    }

    @Test
    void unreadableFieldsAreIgnored() {
        assertEquals(OptionalLong.empty(), waitFor(Map.of("ratelimit", "\"open;r=0;t=3")));
        assertEquals(OptionalLong.empty(), waitFor(Map.of("ratelimit", "\"a\";r=0;t=3 trailing")));
        assertEquals(OptionalLong.empty(), waitFor(Map.of("ratelimit", "\"a\";r=zero;t=3")));
        assertEquals(OptionalLong.empty(), waitFor(Map.of("x-ratelimit-remaining", "0", "x-ratelimit-reset", "soon")));
        assertEquals(OptionalLong.empty(), waitFor(Map.of("x-ratelimit-remaining", "none", "x-ratelimit-reset", "5")));
        // An unreadable RateLimit does not hide readable X- fields.
        assertEquals(ms(4_000), waitFor(Map.of("ratelimit", "{", "x-ratelimit-remaining", "0",
                "x-ratelimit-reset", "4")));
    }

    @Test
    void aResponseWithoutRateLimitFieldsKeepsNothing() {
        assertNull(Fields.of(Map.of("content-type", "text/plain")::get));
        assertEquals(OptionalLong.empty(), RateLimitHeaders.exhaustedForMillis(null, time.epochMillis()));
    }
}
