package dev.salvo.internal.engine;

import dev.salvo.ErrorType;
import dev.salvo.FetchError;
import dev.salvo.FetchResult;
import dev.salvo.SalvoConfig;
import dev.salvo.SalvoConfig.Header;
import dev.salvo.SalvoEvent;
import dev.salvo.SalvoListener;
import dev.salvo.TimeSource;
import dev.salvo.internal.policy.RetryRules;
import dev.salvo.internal.transport.Exchange;
import dev.salvo.internal.transport.Outcome;
import dev.salvo.internal.transport.Transport;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.DoubleSupplier;

/**
 * The life of each URL once the scheduler lets it start: sending, following redirects (by
 * giving the lease back and queueing, first in line, at the next hop's host), retrying (holding nothing while it waits, then queueing at its origin's host, where the
 * retry is sent), and its one result. Every change of a URL's state goes through
 * {@link Job#moveTo}, so the states of {@link UrlState} and their legal moves are checked, and
 * every attempt that started ends with exactly one AttemptFinished event.
 *
 * <p>The rules that make one invariant hold on every path:
 * <ul>
 *   <li>a job leaves IN_FLIGHT only through {@link Scheduler#release} (lease and probe permit
 *       back, the hop reported to the circuit of the host that answered it);</li>
 *   <li>an exchange is always counted against the host it goes to: a new attempt starts at its
 *       origin's host, a redirect hop at its target's;</li>
 *   <li>a job reaches DONE only through {@link #finish}, which delivers its one result.</li>
 * </ul>
 *
 * <p>Not thread-safe: every method runs on the engine's event-loop thread; timer callbacks hop
 * back onto it before touching state.
 */
final class AttemptLifecycle implements Scheduler.Starts {

    /** Receives each job's one result, with its admission sequence number. Must not block. */
    interface ResultSink {
        void deliver(long seq, FetchResult result);
    }

    private final SalvoConfig config;
    private final Transport transport;
    private final Executor loop;
    private final TimeSource time;
    private final SalvoListener listener;
    private final ResultSink sink;
    private final Scheduler scheduler;
    private final Gauges gauges;
    private final OutcomeRules rules;
    private final DoubleSupplier jitter;
    private final List<Header> baseHeaders;
    // Both sets iterate in insertion order, not by identity hash: a stop then ends their jobs in
    // the same order every time, so a simulated run replays exactly from its seed.
    /** Jobs with an exchange on the wire, so that stop can abort them. */
    private final Set<Job> sending = new LinkedHashSet<>();
    /** Jobs waiting to retry, so that stop can cancel their timers. */
    private final Set<Job> waiting = new LinkedHashSet<>();
    private boolean stopping;
    private HopObserver hops = HopObserver.NONE;

    AttemptLifecycle(SalvoConfig config, Transport transport, Executor loop, ResultSink sink, Scheduler scheduler,
                     Gauges gauges, DoubleSupplier jitter) {
        this.config = config;
        this.transport = transport;
        this.loop = loop;
        this.time = config.timeSource();
        this.listener = config.listener();
        this.sink = sink;
        this.scheduler = scheduler;
        this.gauges = gauges;
        this.rules = new OutcomeRules(config);
        this.jitter = jitter;
        this.baseHeaders = baseHeaders(config);
    }

    /** Adds {@code observer} to those told of every hop's end before its lease is released. */
    void observeHops(HopObserver observer) {
        hops = hops.andThen(observer);
    }

    /** Takes one new job in; the caller then calls {@link Scheduler#promote}. */
    void admit(Job job) {
        if (job.origin == null) {
            finish(job, FetchResult.failed(job.request, 0, 0, new FetchError(job.invalidType,
                    job.invalidReason)));
        } else if (stopping) {
            finish(job, cancelled(job, "run stopped before this URL was sent"));
        } else {
            job.moveTo(UrlState.QUEUED);
            scheduler.enqueue(job, job.origin.hostKey(), false);
        }
    }

    @Override
    public void start(Job job, long nowNanos) {
        if (job.state() == UrlState.QUEUED) {
            job.beginAttempt(config.method(), baseHeaders, nowNanos);
            job.moveTo(UrlState.IN_FLIGHT);
            listener.onEvent(new SalvoEvent.AttemptStarted(job.request, job.attempts, job.attemptHost));
        } else {
            job.moveTo(UrlState.IN_FLIGHT);   // a redirect hop continuing its attempt here
        }
        send(job);
    }

    @Override
    public void refused(Job job, HostState host, long nowNanos) {
        String message = "circuit open for " + host.key + " after " + config.circuitFailures()
                + " consecutive failures";
        if (job.state().attemptOpen()) {
            // Redirected here, then refused: the attempt that began elsewhere ends now.
            endAttempt(job, null, ErrorType.CIRCUIT_OPEN, null, nowNanos);
        }
        Integer lastStatus = null;
        String finalUrl = null;
        if (job.lastOutcome != null) {
            lastStatus = statusOf(job.lastOutcome);
            message += "; this URL's last attempt ended with " + describe(job.lastOutcome, lastStatus);
            // Keeps the status the URL last got (the real cause), not a bare "circuit open".
            finalUrl = lastStatus == null ? null : job.lastHop.url();
        }
        finish(job, new FetchResult(job.request.index(), job.request.url(), job.request.id(), lastStatus,
                job.attempts, job.elapsedNanos(nowNanos), 0, null, null, finalUrl,
                new FetchError(ErrorType.CIRCUIT_OPEN, message), null));
    }

    /**
     * robots.txt disallows {@code job}'s next hop: nothing is sent and the URL ends with
     * {@code robots}. A redirected attempt ends here, its redirects kept in the result.
     */
    @Override
    public void disallowed(Job job, String refusal, long nowNanos) {
        String message = refusal;
        if (job.state() == UrlState.REDIRECTED_WAITING) {
            message = "redirect to " + job.current.url() + ": " + refusal;
            endAttempt(job, null, ErrorType.ROBOTS, null, nowNanos);
        }
        finish(job, new FetchResult(job.request.index(), job.request.url(), job.request.id(), null, job.attempts,
                job.elapsedNanos(nowNanos), 0, null, null, null, new FetchError(ErrorType.ROBOTS, message), null,
                0, null, job.redirectsFollowed(), null));
    }

    private void send(Job job) {
        // Redirect hops share the attempt's budget: each gets only what the earlier ones left.
        long spentNanos = time.nanoTime() - job.attemptStartNanos;
        // Rounded up: a first hop sent a few microseconds after the attempt began has the whole
        // timeout, and its timeout message says the value the user set ("within 300 ms", not 299).
        long leftMillis = Math.max(1, (config.timeout().toNanos() - spentNanos + 999_999L) / 1_000_000L);
        Exchange exchange = new Exchange(job.method, job.current, job.headers, job.body, leftMillis);
        sending.add(job);
        job.hopSentNanos = time.nanoTime();
        try {
            job.inFlight = transport.send(exchange, outcome -> onOutcome(job, outcome));
        } catch (RuntimeException e) {
            // The job holds a lease and must still reach its one result. Reported on a later
            // turn of the loop, like any outcome, so the scheduler is never re-entered.
            job.inFlight = (type, message) -> { };
            Outcome failure = new Outcome.Failure(ErrorType.PROTOCOL, "request could not be sent: " + e.getMessage());
            loop.execute(() -> onOutcome(job, failure));
        }
    }

    private void onOutcome(Job job, Outcome outcome) {
        sending.remove(job);
        job.inFlight = null;
        long now = time.nanoTime();
        job.capture(outcome);
        if (!stopping) {
            hops.completed(job, outcome, now);   // a stopping run learns nothing more about hosts
        }
        Verdict verdict = rules.decide(job, outcome, now, time.epochMillis(), jitter.getAsDouble());
        if (verdict instanceof Verdict.Redirect && now - job.attemptStartNanos >= config.timeout().toNanos()) {
            // The timeout bounds the whole attempt, not each hop: a spent budget ends it here.
            outcome = new Outcome.Failure(ErrorType.TIMEOUT, "no complete response within "
                    + config.timeout().toMillis() + " ms (" + job.redirects + " redirects followed)");
            verdict = rules.decide(job, outcome, now, time.epochMillis(), jitter.getAsDouble());
        }
        if (verdict instanceof Verdict.Redirect redirect && !stopping) {
            job.recordRedirect(((Outcome.Response) outcome).status());
            follow(job, redirect, now);
            return;
        }
        if (verdict instanceof Verdict.Retry retry && retry.pauseHostNanos() > 0 && !stopping) {
            scheduler.pauseHost(job, now, retry.pauseHostNanos());
        }
        Integer status = statusOf(outcome);
        ErrorType error = errorOf(outcome, status);
        scheduler.release(job, reportFor(outcome, status, error), now);
        endAttempt(job, status, error, outcome, now);
        switch (verdict) {
            case Verdict.Complete complete -> finish(job, complete.result());
            case Verdict.Retry retry when !stopping -> scheduleRetry(job, retry, now);
            default -> finish(job, cancelled(job, "run stopped before this URL finished"));
        }
        scheduler.promote();
    }

    /**
     * Follows a redirect: gives the lease back here (the hop answered, so the circuit hears of a
     * success, which also ends a probe) and queues first in line at the next hop's host, under
     * that host's limits, rate and circuit. A hop to the same host goes the same way, so every
     * request a host sees, hops included, counts against its cap and its rate.
     */
    private void follow(Job job, Verdict.Redirect redirect, long now) {
        job.redirects++;
        job.current = redirect.next();
        job.method = redirect.method();
        if (redirect.dropCredentials()) {
            job.headers = withoutCredentials(job.headers);
        }
        if (redirect.dropBody()) {
            job.body = null;
            job.headers = withoutBodyHeaders(job.headers);
        }
        scheduler.release(job, Scheduler.Report.SUCCESS, now);
        job.moveTo(UrlState.REDIRECTED_WAITING);
        scheduler.enqueue(job, redirect.next().hostKey(), true);
        scheduler.promote();
    }

    private void scheduleRetry(Job job, Verdict.Retry retry, long now) {
        job.moveTo(UrlState.WAITING_RETRY);
        gauges.waitingToRetry++;
        waiting.add(job);
        listener.onEvent(new SalvoEvent.RetryScheduled(job.request, job.attempts, Duration.ofNanos(retry.delayNanos()),
                retry.reason(), job.origin.hostKey()));
        job.retryTimer = time.schedule(retry.delayNanos(), () -> loop.execute(() -> {
            if (waiting.remove(job)) {
                gauges.waitingToRetry--;
                job.retryTimer = null;
                job.moveTo(UrlState.QUEUED);
                // A retry is a new attempt at the origin, so it queues (first in line: finishing
                // started work first frees window space soonest) at the origin's host.
                scheduler.enqueue(job, job.origin.hostKey(), true);
                scheduler.promote();
            }
        }));
    }

    /** Emits the AttemptFinished of the job's open attempt and remembers how it ended. */
    private void endAttempt(Job job, Integer status, ErrorType error, Outcome outcome, long now) {
        listener.onEvent(new SalvoEvent.AttemptFinished(job.request, job.attempts, job.attemptHost, status, error,
                now - job.attemptStartNanos));
        if (outcome != null) {
            job.lastOutcome = outcome;
            job.lastHop = job.current;
        }
    }

    /**
     * Stops the run: nothing new is sent, waiting and queued jobs end as cancelled at once, and
     * requests in flight get {@code grace} to finish before they are aborted.
     */
    void stop(Duration grace) {
        stopping = true;
        long now = time.nanoTime();
        for (Job job : List.copyOf(waiting)) {
            job.retryTimer.cancel();
            waiting.remove(job);
            gauges.waitingToRetry--;
            finish(job, cancelled(job, "run stopped while waiting to retry"));
        }
        for (Job job : scheduler.stop()) {
            if (job.state().attemptOpen()) {
                endAttempt(job, null, ErrorType.CANCELLED, null, now);
            }
            finish(job, cancelled(job, "run stopped before this URL was sent"));
        }
        if (!sending.isEmpty()) {
            time.schedule(grace.toNanos(), () -> loop.execute(() -> {
                for (Job job : List.copyOf(sending)) {
                    job.inFlight.abort(ErrorType.CANCELLED, "run stopped while the request was in flight");
                }
            }));
        }
        scheduler.promote();
    }

    private void finish(Job job, FetchResult finished) {
        job.moveTo(UrlState.DONE);
        FetchResult result = job.captured == null ? finished : finished.withExchanges(job.captured);
        listener.onEvent(new SalvoEvent.ResultProduced(result, job.origin == null ? null : job.origin.hostKey()));
        sink.deliver(job.seq, result);
    }

    private FetchResult cancelled(Job job, String message) {
        return FetchResult.failed(job.request, job.attempts, job.elapsedNanos(time.nanoTime()),
                new FetchError(ErrorType.CANCELLED, message));
    }

    private static String describe(Outcome outcome, Integer status) {
        return outcome instanceof Outcome.Failure failure
                ? failure.type().wireName() + " (" + failure.message() + ")" : "HTTP " + status;
    }

    private static Integer statusOf(Outcome outcome) {
        return outcome instanceof Outcome.Response r ? Integer.valueOf(r.status()) : ((Outcome.Failure) outcome).status();
    }

    private static ErrorType errorOf(Outcome outcome, Integer status) {
        return outcome instanceof Outcome.Failure f ? f.type()
                : status >= 200 && status < 300 ? null : ErrorType.HTTP;
    }

    private static Scheduler.Report reportFor(Outcome outcome, Integer status, ErrorType error) {
        if (error == ErrorType.CANCELLED) {
            return Scheduler.Report.NOTHING;
        }
        return RetryRules.countsAsHostFailure(outcome instanceof Outcome.Response ? status : null, error)
                ? Scheduler.Report.FAILURE : Scheduler.Report.SUCCESS;
    }

    private static List<Header> baseHeaders(SalvoConfig config) {
        boolean userAgentGiven = config.headers().stream().anyMatch(h -> h.name().equalsIgnoreCase("User-Agent"));
        if (userAgentGiven) {
            return config.headers();
        }
        List<Header> headers = new java.util.ArrayList<>();
        headers.add(new Header("User-Agent", config.userAgent()));
        headers.addAll(config.headers());
        return List.copyOf(headers);
    }

    /** Headers that describe a body, which go with it when a redirect drops it (Fetch standard 4.4). */
    private static List<Header> withoutBodyHeaders(List<Header> headers) {
        return headers.stream()
                .filter(h -> !h.name().equalsIgnoreCase("Content-Type")
                        && !h.name().equalsIgnoreCase("Content-Encoding")
                        && !h.name().equalsIgnoreCase("Content-Language")
                        && !h.name().equalsIgnoreCase("Content-Location"))
                .toList();
    }

    private static List<Header> withoutCredentials(List<Header> headers) {
        return headers.stream()
                .filter(h -> !h.name().equalsIgnoreCase("Authorization")
                        && !h.name().equalsIgnoreCase("Cookie")
                        && !h.name().equalsIgnoreCase("Proxy-Authorization"))
                .toList();
    }
}
