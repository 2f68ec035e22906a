package dev.salvo.internal.engine;

import dev.salvo.ErrorType;
import dev.salvo.FetchRequest;
import dev.salvo.SalvoConfig;
import dev.salvo.internal.transport.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The decision after one hop, checked without any network: outcome in, verdict out. */
class OutcomeRulesTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long NOW_EPOCH = Instant.parse("2026-11-21T12:00:00Z").toEpochMilli();

    private final SalvoConfig config = SalvoConfig.builder()
            .retries(2).backoff(Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(8))
            .retryAfterMax(Duration.ofSeconds(60)).maxRedirects(2)
            .header("Authorization", "Bearer x").build();
    private final OutcomeRules rules = new OutcomeRules(config);

    private Job attemptedJob(String url, int attempts) {
        Job job = Job.admit(FetchRequest.of(7, url), 0);
        for (int i = 0; i < attempts; i++) {
            job.beginAttempt(config.method(), config.headers(), 0);
        }
        return job;
    }

    private static Outcome.Response response(int status, String retryAfter, String location) {
        return new Outcome.Response(status, "text/plain", location, retryAfter, 3, "abc", null);
    }

    @Test
    void aSuccessCompletesWithTheResponse() {
        Verdict verdict = rules.decide(attemptedJob("http://a.test/x", 1), response(200, null, null), 5 * SECOND,
                NOW_EPOCH, 0.5);
        var result = assertInstanceOf(Verdict.Complete.class, verdict).result();
        assertTrue(result.ok());
        assertEquals(5 * SECOND, result.elapsedNanos());
        assertEquals("http://a.test/x", result.finalUrl());
    }

    @Test
    void retryableStatusBacksOffWithFullJitterOnTheAttemptNumber() {
        // After attempt 2 comes retry k=1: ceiling 2 s, half of it with jitter 0.5.
        Verdict verdict = rules.decide(attemptedJob("http://a.test/x", 2), response(503, null, null), 0, NOW_EPOCH, 0.5);
        assertEquals(SECOND, assertInstanceOf(Verdict.Retry.class, verdict).delayNanos());
    }

    @Test
    void retriesEndWhenTheBudgetIsSpent() {
        Verdict verdict = rules.decide(attemptedJob("http://a.test/x", 3), response(503, null, null), 0, NOW_EPOCH, 0.5);
        var result = assertInstanceOf(Verdict.Complete.class, verdict).result();
        assertEquals(503, result.status());
        assertEquals(ErrorType.HTTP, result.error().type());
        assertEquals(3, result.attempts());
    }

    @Test
    void retryAfterIsAMinimumAndPausesTheHost() {
        Verdict verdict = rules.decide(attemptedJob("http://a.test/x", 1), response(429, "10", null), 0, NOW_EPOCH, 0.1);
        Verdict.Retry retry = assertInstanceOf(Verdict.Retry.class, verdict);
        assertEquals(10 * SECOND, retry.delayNanos());
        assertEquals(10 * SECOND, retry.pauseHostNanos());
    }

    @Test
    void retryAfterAsAnHttpDateIsReadAgainstTheWallClock() {
        Verdict verdict = rules.decide(attemptedJob("http://a.test/x", 1),
                response(503, "Sat, 21 Nov 2026 12:00:20 GMT", null), 0, NOW_EPOCH, 0.0);
        assertEquals(20 * SECOND, assertInstanceOf(Verdict.Retry.class, verdict).delayNanos());
    }

    @Test
    void retryAfterBeyondTheLimitEndsTheUrlWithThatResponse() {
        Verdict verdict = rules.decide(attemptedJob("http://a.test/x", 1), response(429, "3600", null), 0, NOW_EPOCH, 0.1);
        var result = assertInstanceOf(Verdict.Complete.class, verdict).result();
        assertEquals(429, result.status());
        assertEquals(ErrorType.HTTP, result.error().type());
        assertTrue(result.error().message().contains("Retry-After 3600"), result.error().message());
    }

    @Test
    void aRateLimitResetStandsInForAMissingRetryAfter() {
        Outcome.Response limited = response(429, null, null).withRateLimit(Map.of(
                "ratelimit", "\"default\";r=0;t=12")::get);
        Verdict.Retry retry = assertInstanceOf(Verdict.Retry.class,
                rules.decide(attemptedJob("http://a.test/x", 1), limited, 0, NOW_EPOCH, 0.1));
        assertEquals(12 * SECOND, retry.delayNanos());
        assertEquals(12 * SECOND, retry.pauseHostNanos());
        // Retry-After, when both are sent, is the one honoured for the URL.
        Outcome.Response both = response(429, "3", null).withRateLimit(Map.of(
                "x-ratelimit-remaining", "0", "x-ratelimit-reset", "40")::get);
        assertEquals(3 * SECOND, assertInstanceOf(Verdict.Retry.class,
                rules.decide(attemptedJob("http://a.test/x", 1), both, 0, NOW_EPOCH, 0.1)).pauseHostNanos());
    }

    @Test
    void aRateLimitResetBeyondTheLimitEndsTheUrlWithThatResponse() {
        Outcome.Response limited = response(503, null, null).withRateLimit(Map.of(
                "x-ratelimit-remaining", "0", "x-ratelimit-reset", Long.toString(NOW_EPOCH / 1000 + 3600))::get);
        var result = assertInstanceOf(Verdict.Complete.class,
                rules.decide(attemptedJob("http://a.test/x", 1), limited, 0, NOW_EPOCH, 0.1)).result();
        assertEquals(503, result.status());
        assertTrue(result.error().message().contains("rate-limit reset in 3600000 ms beyond the limit"),
                result.error().message());
    }

    @Test
    void transientFailuresRetryPermanentOnesDoNot() {
        assertInstanceOf(Verdict.Retry.class, rules.decide(attemptedJob("http://a.test/x", 1),
                new Outcome.Failure(ErrorType.RESET, "reset"), 0, NOW_EPOCH, 0.3));
        var tls = assertInstanceOf(Verdict.Complete.class, rules.decide(attemptedJob("http://a.test/x", 1),
                new Outcome.Failure(ErrorType.TLS, "bad cert"), 0, NOW_EPOCH, 0.3)).result();
        assertEquals(ErrorType.TLS, tls.error().type());
        assertNull(tls.status());
        var tooLarge = assertInstanceOf(Verdict.Complete.class, rules.decide(attemptedJob("http://a.test/x", 1),
                new Outcome.Failure(ErrorType.TOO_LARGE, "big", 200, "video/mp4"), 0, NOW_EPOCH, 0.3)).result();
        assertEquals(200, tooLarge.status());
        assertFalse(tooLarge.ok());
    }

    @Test
    void nonIdempotentMethodsAreNotRetried() {
        OutcomeRules postRules = new OutcomeRules(config.toBuilder().method("POST").build());
        Verdict verdict = postRules.decide(attemptedJob("http://a.test/x", 1), response(503, null, null), 0,
                NOW_EPOCH, 0.5);
        assertInstanceOf(Verdict.Complete.class, verdict);
    }

    @Test
    void redirectsDropCredentialsOnlyWhenTheHostChanges() {
        Job job = attemptedJob("http://a.test/x", 1);
        Verdict.Redirect sameHost = assertInstanceOf(Verdict.Redirect.class,
                rules.decide(job, response(302, null, "/y"), 0, NOW_EPOCH, 0));
        assertFalse(sameHost.dropCredentials());
        Verdict.Redirect otherHost = assertInstanceOf(Verdict.Redirect.class,
                rules.decide(job, response(301, null, "http://b.test/y"), 0, NOW_EPOCH, 0));
        assertTrue(otherHost.dropCredentials());
        Verdict.Redirect otherPort = assertInstanceOf(Verdict.Redirect.class,
                rules.decide(job, response(307, null, "http://a.test:8080/y"), 0, NOW_EPOCH, 0));
        assertTrue(otherPort.dropCredentials());
    }

    @Test
    void tooManyRedirectsOrNoLocationEndWithRedirectsError() {
        Job job = attemptedJob("http://a.test/x", 1);
        job.redirects = 2;
        var tooMany = assertInstanceOf(Verdict.Complete.class,
                rules.decide(job, response(302, null, "/again"), 0, NOW_EPOCH, 0)).result();
        assertEquals(ErrorType.REDIRECTS, tooMany.error().type());
        var noLocation = assertInstanceOf(Verdict.Complete.class,
                rules.decide(attemptedJob("http://a.test/x", 1), response(302, null, null), 0, NOW_EPOCH, 0)).result();
        assertEquals(ErrorType.REDIRECTS, noLocation.error().type());
    }

    @Test
    void seeOtherTurnsIntoGet() {
        OutcomeRules postRules = new OutcomeRules(config.toBuilder().method("POST").build());
        Job job = Job.admit(FetchRequest.of(0, "http://a.test/form"), 0);
        job.beginAttempt("POST", List.of(), 0);
        Verdict.Redirect redirect = assertInstanceOf(Verdict.Redirect.class,
                postRules.decide(job, response(303, null, "/done"), 0, NOW_EPOCH, 0));
        assertEquals("GET", redirect.method());
    }
}
