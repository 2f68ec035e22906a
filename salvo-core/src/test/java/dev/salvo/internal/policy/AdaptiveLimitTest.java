package dev.salvo.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.ErrorType;
import dev.salvo.internal.policy.AdaptiveLimit.Sample;
import dev.salvo.internal.policy.AdaptiveLimit.State;
import dev.salvo.testing.FakeTime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The AIMD limit on a clock the test moves by hand. Most tests play whole round trips against a
 * model host and log the whole-number limit after each, so a failure shows the whole course.
 */
class AdaptiveLimitTest {

    private static final long MS = 1_000_000L;
    private final FakeTime time = new FakeTime();

    /**
     * Plays {@code rounds} round trips: each sends as many requests as the limit allows, all at
     * once, to a host that answers {@code capacity} of them after {@code latencyMs} and the rest
     * at once with 429. The host has work queued, so the engine refills each freed slot at once
     * and every answer comes back with the limit in use. Logs the limit after each round; counts
     * the 429s in {@code overloads}.
     */
    private State play(State state, int max, int capacity, long latencyMs, int rounds, List<Integer> log,
                       int[] overloads) {
        for (int r = 0; r < rounds; r++) {
            int sent = state.permits();
            long sentAt = time.nanoTime();
            int refused = Math.max(0, sent - capacity);
            for (int i = 0; i < refused; i++) {
                state = AdaptiveLimit.onSample(state, new Sample(sentAt, state.permits(), true), max, time.nanoTime());
                overloads[0]++;
            }
            time.advance(Duration.ofMillis(latencyMs));
            for (int i = 0; i < sent - refused; i++) {
                state = AdaptiveLimit.onSample(state, new Sample(sentAt, state.permits(), false), max,
                        time.nanoTime());
            }
            log.add(state.permits());
        }
        return state;
    }

    @Test
    void slowStartDoublesEachRoundTripUpToTheCap() {
        List<Integer> log = new ArrayList<>();
        play(AdaptiveLimit.initial(32, time.nanoTime()), 32, 1000, 10, 6, log, new int[1]);
        assertEquals(List.of(4, 8, 16, 32, 32, 32), log);
    }

    @Test
    void startsNoHigherThanTheCap() {
        assertEquals(1, AdaptiveLimit.initial(1, time.nanoTime()).permits());
    }

    @Test
    void settlesJustBelowWhatTheHostTakes() {
        int[] overloads = new int[1];
        List<Integer> log = new ArrayList<>();
        State state = play(AdaptiveLimit.initial(32, time.nanoTime()), 32, 6, 10, 60, log, overloads);
        // Slow start overshoots once (8 sent, 2 refused), then the limit saws between 0.7 times the
        // capacity and one above it, where the probe is refused.
        assertEquals(List.of(4, 8, 5), log.subList(0, 3), "the start: " + log);
        for (int limit : log.subList(10, log.size())) {
            assertTrue(limit >= 4 && limit <= 7, "settled between 0.7K and K+1: " + log);
        }
        assertTrue(state.permits() <= 7);
        // One 429 per probe above the capacity: a few in 60 round trips of some 5 requests each.
        assertTrue(overloads[0] <= 30, overloads[0] + " 429s in " + log);
    }

    @Test
    void shrinksOncePerWindowHoweverManyOfItFail() {
        State state = new State(20, false, 10 * MS, time.nanoTime());
        long sentAt = time.nanoTime();
        time.advance(Duration.ofMillis(5));
        for (int i = 0; i < 20; i++) {
            state = AdaptiveLimit.onSample(state, new Sample(sentAt, 20 - i, true), 32, time.nanoTime());
        }
        assertEquals(14, state.permits(), "20 requests of one window failed: one decrease");
        // A request sent after that decrease failing shrinks it again.
        long later = time.nanoTime();
        time.advance(Duration.ofMillis(5));
        state = AdaptiveLimit.onSample(state, new Sample(later, 14, true), 32, time.nanoTime());
        assertEquals(9, state.permits());
    }

    @Test
    void neverBelowOne() {
        State state = new State(1, false, 10 * MS, time.nanoTime());
        for (int i = 0; i < 5; i++) {
            time.advance(Duration.ofMillis(1));
            long sent = time.nanoTime();
            time.advance(Duration.ofMillis(1));
            state = AdaptiveLimit.onSample(state, new Sample(sent, 1, true), 8, time.nanoTime());
            assertEquals(1, state.permits());
        }
    }

    @Test
    void growsOnlyWhileTheLimitIsInUse() {
        State state = new State(4, false, 10 * MS, time.nanoTime());
        // A host with one request at a time for a long while earns nothing...
        for (int i = 0; i < 500; i++) {
            long sent = time.nanoTime();
            time.advance(Duration.ofMillis(10));
            state = AdaptiveLimit.onSample(state, new Sample(sent, 1, false), 32, time.nanoTime());
        }
        assertEquals(4, state.permits());
        // ...nor does a long pause; so when a burst comes, it starts at 4, not at some untried 30.
        time.advance(Duration.ofMinutes(10));
        assertEquals(4, state.permits());
        List<Integer> log = new ArrayList<>();
        play(state, 32, 1000, 10, 4, log, new int[1]);
        assertEquals(List.of(4, 5, 6, 7), log, "then about one more per full window");
    }

    @Test
    void slowAnswersHoldTheLimitAndEndSlowStart() {
        State state = AdaptiveLimit.initial(32, time.nanoTime());
        List<Integer> log = new ArrayList<>();
        state = play(state, 32, 1000, 10, 2, log, new int[1]);
        assertEquals(8, state.permits());
        // The host slows down fivefold: no growth while that is news.
        state = play(state, 32, 1000, 50, 3, log, new int[1]);
        assertEquals(List.of(4, 8, 8, 8, 8), log);
        assertFalse(state.slowStart(), "slow start ended");
    }

    @Test
    void neverAboveTheCap() {
        State state = AdaptiveLimit.initial(3, time.nanoTime());
        List<Integer> log = new ArrayList<>();
        play(state, 3, 1000, 10, 20, log, new int[1]);
        assertEquals(3, log.stream().mapToInt(Integer::intValue).max().orElseThrow());
    }

    @Test
    void overloadIs429Or503OrATimeoutOrAReset() {
        assertTrue(AdaptiveLimit.isOverload(429, null));
        assertTrue(AdaptiveLimit.isOverload(503, ErrorType.HTTP));
        assertTrue(AdaptiveLimit.isOverload(null, ErrorType.TIMEOUT));
        assertTrue(AdaptiveLimit.isOverload(null, ErrorType.RESET));
        assertFalse(AdaptiveLimit.isOverload(500, ErrorType.HTTP));
        assertFalse(AdaptiveLimit.isOverload(200, null));
        assertFalse(AdaptiveLimit.isOverload(null, ErrorType.CONNECT));
        assertFalse(AdaptiveLimit.isOverload(null, ErrorType.TLS));
    }
}
