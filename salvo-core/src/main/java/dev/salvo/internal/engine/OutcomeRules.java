package dev.salvo.internal.engine;

import dev.salvo.ErrorType;
import dev.salvo.FetchError;
import dev.salvo.FetchResult;
import dev.salvo.SalvoConfig;
import dev.salvo.internal.policy.Backoff;
import dev.salvo.internal.policy.RateLimitHeaders;
import dev.salvo.internal.policy.RetryAfter;
import dev.salvo.internal.policy.RetryRules;
import dev.salvo.internal.transport.Outcome;
import dev.salvo.internal.url.Target;

import java.util.List;
import java.util.OptionalLong;

/**
 * Turns the outcome of one hop into a {@link Verdict}: follow a redirect, retry after a delay, or
 * finish with a result. Pure apart from the jitter value passed in; thread-safe.
 */
final class OutcomeRules {

    private final SalvoConfig config;

    OutcomeRules(SalvoConfig config) {
        this.config = config;
    }

    /**
     * @param job            the job, positioned on the hop that produced {@code outcome}
     * @param outcome        what the hop produced
     * @param nowNanos       the engine clock
     * @param nowEpochMillis the wall clock, for Retry-After dates
     * @param jitter         uniform in [0, 1), for the backoff
     */
    Verdict decide(Job job, Outcome outcome, long nowNanos, long nowEpochMillis, double jitter) {
        return switch (outcome) {
            case Outcome.Response response -> onResponse(job, response, nowNanos, nowEpochMillis, jitter);
            case Outcome.Failure failure -> onFailure(job, failure, nowNanos, jitter);
        };
    }

    private Verdict onResponse(Job job, Outcome.Response response, long nowNanos, long nowEpochMillis,
                               double jitter) {
        int status = response.status();
        if (isRedirect(status) && config.maxRedirects() > 0) {
            return redirect(job, response, nowNanos);
        }
        if (RetryRules.isRetryableStatus(status) && canRetry(job)) {
            long backoff = backoffNanos(job, jitter);
            if (RetryRules.honoursRetryAfter(status)) {
                OptionalLong asked = RetryAfter.delayMillis(response.retryAfter(), nowEpochMillis);
                String askedBy = "Retry-After " + (response.retryAfter() == null ? "" : response.retryAfter().trim());
                if (asked.isEmpty()) {
                    // Without Retry-After, a rate-limit field saying nothing remains asks the same.
                    asked = RateLimitHeaders.exhaustedForMillis(response.rateLimit(), nowEpochMillis);
                    askedBy = asked.isEmpty() ? askedBy : "a rate-limit reset in " + asked.getAsLong() + " ms";
                }
                if (asked.isPresent()) {
                    long askedNanos = asked.getAsLong() * 1_000_000L;
                    if (asked.getAsLong() > config.retryAfterMax().toMillis()) {
                        return new Verdict.Complete(result(job, response, nowNanos, new FetchError(ErrorType.HTTP,
                                "HTTP " + status + " with " + askedBy + " beyond the limit of "
                                        + config.retryAfterMax())));
                    }
                    // Retry-After is a minimum: the jittered backoff may still ask for longer.
                    return new Verdict.Retry(Math.max(askedNanos, backoff), askedNanos,
                            "HTTP " + status + ", " + askedBy);
                }
            }
            return new Verdict.Retry(backoff, 0, "HTTP " + status);
        }
        boolean success = (status >= 200 && status < 300) || (status == 304 && conditional(job));
        FetchError error = success ? null : new FetchError(ErrorType.HTTP, "HTTP " + status);
        return new Verdict.Complete(result(job, response, nowNanos, error));
    }

    private Verdict redirect(Job job, Outcome.Response response, long nowNanos) {
        String location = response.location();
        if (location == null || location.isBlank()) {
            return new Verdict.Complete(result(job, response, nowNanos, new FetchError(ErrorType.REDIRECTS,
                    "HTTP " + response.status() + " without a Location header")));
        }
        if (job.redirects >= config.maxRedirects()) {
            return new Verdict.Complete(result(job, response, nowNanos, new FetchError(ErrorType.REDIRECTS,
                    "more than " + config.maxRedirects() + " redirects")));
        }
        Target next;
        try {
            next = job.current.resolve(location);
        } catch (Target.InvalidUrlException e) {
            return new Verdict.Complete(result(job, response, nowNanos, new FetchError(ErrorType.REDIRECTS,
                    e.getMessage())));
        }
        // 303 always turns into GET; 301/302 after POST do too, as every browser does.
        int status = response.status();
        boolean toGet = status == 303 || ((status == 301 || status == 302) && job.method.equals("POST"));
        String method = toGet && !job.method.equals("HEAD") ? "GET" : job.method;
        // Credentials stay with the host they were meant for.
        boolean dropCredentials = !next.hostKey().equals(job.origin.hostKey());
        // A redirect that turns the request into GET sends no body; 307 and 308 resend it as is.
        boolean dropBody = toGet && job.body != null;
        return new Verdict.Redirect(next, method, dropCredentials, dropBody);
    }

    private Verdict onFailure(Job job, Outcome.Failure failure, long nowNanos, double jitter) {
        if (RetryRules.isRetryable(failure.type()) && canRetry(job)) {
            return new Verdict.Retry(backoffNanos(job, jitter), 0, failure.type().wireName() + ": " + failure.message());
        }
        FetchError error = new FetchError(failure.type(), failure.message());
        String finalUrl = failure.status() == null ? null : job.current.url();
        return new Verdict.Complete(new FetchResult(job.request.index(), job.request.url(), job.request.id(),
                failure.status(), job.attempts, job.elapsedNanos(nowNanos), 0, null, failure.contentType(), finalUrl,
                error, null, 0, null, job.redirectsFollowed(), null));
    }

    /** A 304 answers a conditional request: one that carried its own validators. */
    private static boolean conditional(Job job) {
        return job.request.headers().stream().anyMatch(h -> h.name().equalsIgnoreCase("If-None-Match")
                || h.name().equalsIgnoreCase("If-Modified-Since"));
    }

    private boolean canRetry(Job job) {
        // A request the server may have acted on (POST, PATCH: with a body or not) is sent once.
        return job.attempts <= config.retries() && RetryRules.isIdempotent(job.originMethod(config.method()));
    }

    private long backoffNanos(Job job, double jitter) {
        // Retry k (0-based) follows attempt k + 1.
        return Backoff.delayNanos(job.attempts - 1, config.backoff().toNanos(), config.maxBackoff().toNanos(), jitter);
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static FetchResult result(Job job, Outcome.Response response, long nowNanos, FetchError error) {
        return new FetchResult(job.request.index(), job.request.url(), job.request.id(), response.status(),
                job.attempts, job.elapsedNanos(nowNanos), response.bytes(), response.sha256(), response.contentType(),
                job.current.url(), error, response.body(), response.wireBytes(), response.headers(),
                job.redirectsFollowed(), response.timings(), response.etag(), response.lastModified(), List.of());
    }
}
