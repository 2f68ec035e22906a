package dev.salvo.internal.engine;

import dev.salvo.ErrorType;
import dev.salvo.FetchError;
import dev.salvo.FetchResult;
import dev.salvo.SalvoConfig;
import dev.salvo.SalvoConfig.Header;
import dev.salvo.SalvoEvent;
import dev.salvo.SalvoListener;
import dev.salvo.TimeSource;
import dev.salvo.internal.policy.CircuitBreaker;
import dev.salvo.internal.policy.RetryRules;
import dev.salvo.internal.policy.TokenBucket;
import dev.salvo.internal.transport.Exchange;
import dev.salvo.internal.transport.Outcome;
import dev.salvo.internal.transport.Transport;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Starts a request only when the global limit, its host's limit, both rate limits and the host's
 * circuit allow it, and decides what each outcome leads to.
 *
 * <p>A job that waits (backoff, Retry-After, a rate token, a half-open probe) sits in a queue or
 * behind a timer and holds no slot, connection or thread. Hosts with startable work take turns
 * (round robin), so one slow or limited host never holds back the others.
 *
 * <p>Not thread-safe: every method must run on the engine's event-loop thread ({@code loop}).
 * Timer callbacks hop back onto it before touching state.
 */
final class Dispatcher {

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
    private final OutcomeRules rules;
    private final List<Header> baseHeaders;

    /** Admissions between sweeps of forgettable hosts; amortises the sweep to nearly nothing. */
    private static final int SWEEP_EVERY = 8192;

    private final Map<String, HostState> hosts = new HashMap<>();
    private int admittedSinceSweep;
    private final ArrayDeque<HostState> runnable = new ArrayDeque<>();
    private final Set<Job> active = new HashSet<>();
    private final Set<Job> waiting = new HashSet<>();
    private final TokenBucket globalBucket;
    private TimeSource.Cancellable globalWake;
    private int inFlight;
    private boolean stopping;

    Dispatcher(SalvoConfig config, Transport transport, Executor loop, ResultSink sink) {
        this.config = config;
        this.transport = transport;
        this.loop = loop;
        this.time = config.timeSource();
        this.listener = config.listener();
        this.sink = sink;
        this.rules = new OutcomeRules(config);
        List<Header> headers = new ArrayList<>();
        boolean userAgentGiven = config.headers().stream().anyMatch(h -> h.name().equalsIgnoreCase("User-Agent"));
        if (!userAgentGiven) {
            headers.add(new Header("User-Agent", config.userAgent()));
        }
        headers.addAll(config.headers());
        this.baseHeaders = List.copyOf(headers);
        this.globalBucket = config.rate() > 0
                ? new TokenBucket(config.rate(), config.effectiveBurst(config.rate()), time.nanoTime()) : null;
    }

    /** Takes new jobs in (in admission order) and starts what the limits allow. */
    void admit(List<Job> jobs) {
        admittedSinceSweep += jobs.size();
        if (admittedSinceSweep >= SWEEP_EVERY) {
            admittedSinceSweep = 0;
            forgetIdleHosts();
        }
        for (Job job : jobs) {
            if (job.origin == null) {
                deliver(job, FetchResult.failed(job.request, 0, 0, new FetchError(job.invalidType,
                        job.invalidReason)));
            } else if (stopping) {
                deliver(job, cancelled(job, "run stopped before this URL was sent"));
            } else {
                HostState host = hosts.computeIfAbsent(job.origin.hostKey(), this::newHost);
                job.host = host;
                host.pending++;
                host.ready.addLast(job);
                markRunnable(host);
            }
        }
        dispatch();
    }

    /**
     * Stops the run: nothing new is sent, waiting and queued jobs end as cancelled at once, and
     * requests in flight get {@code grace} to finish before they are aborted.
     */
    void stop(Duration grace) {
        stopping = true;
        for (Job job : List.copyOf(waiting)) {
            job.retryTimer.cancel();
            waiting.remove(job);
            complete(job, cancelled(job, "run stopped while waiting to retry"));
        }
        for (HostState host : List.copyOf(hosts.values())) {
            drain(host, job -> cancelled(job, "run stopped before this URL was sent"));
        }
        if (!active.isEmpty()) {
            time.schedule(grace.toNanos(), () -> loop.execute(() -> {
                for (Job job : List.copyOf(active)) {
                    job.inFlight.abort(ErrorType.CANCELLED, "run stopped while the request was in flight");
                }
            }));
        }
    }

    private HostState newHost(String key) {
        long now = time.nanoTime();
        TokenBucket bucket = config.perHostRate() > 0
                ? new TokenBucket(config.perHostRate(), config.effectiveBurst(config.perHostRate()), now) : null;
        return new HostState(key, new CircuitBreaker(config.circuitFailures(), config.circuitCooldown().toNanos()),
                bucket);
    }

    private void markRunnable(HostState host) {
        if (!host.queued && host.hasStartableWork(config.perHost())) {
            host.queued = true;
            runnable.addLast(host);
        }
    }

    /** Starts requests while every limit allows; returns when one does not or nothing is ready. */
    private void dispatch() {
        while (inFlight < config.concurrency() && !runnable.isEmpty() && !stopping) {
            long now = time.nanoTime();
            if (globalBucket != null) {
                long wait = globalBucket.nanosUntilAvailable(now);
                if (wait > 0) {
                    scheduleGlobalWake(wait);
                    return;
                }
            }
            HostState host = runnable.pollFirst();
            host.queued = false;
            if (host.hasStartableWork(config.perHost())) {
                tryStartOne(host, now);
            }
            markRunnable(host);
            forgetIfIdle(host, now);
        }
    }

    private void tryStartOne(HostState host, long now) {
        if (host.pausedUntilNanos > now) {
            wakeLater(host, host.pausedUntilNanos - now);
            return;
        }
        if (host.bucket != null) {
            long wait = host.bucket.nanosUntilAvailable(now);
            if (wait > 0) {
                wakeLater(host, wait);
                return;
            }
        }
        CircuitBreaker.Permission permission = host.circuit.acquire(now);
        if (host.circuit.lastPermitTransition() == CircuitBreaker.Transition.HALF_OPENED) {
            listener.onEvent(new SalvoEvent.CircuitHalfOpened(host.key));
        }
        switch (permission) {
            case REJECT -> drain(host, job -> FetchResult.failed(job.request, job.attempts, job.elapsedNanos(now),
                    new FetchError(ErrorType.CIRCUIT_OPEN, "circuit open for " + host.key + " after "
                            + config.circuitFailures() + " consecutive failures")));
            case WAIT -> { } // the probe's outcome makes the host runnable again
            case ALLOW, PROBE -> {
                if (host.bucket != null) {
                    host.bucket.take(now);
                }
                if (globalBucket != null) {
                    globalBucket.take(now);
                }
                Job job = host.ready.pollFirst();
                job.probe = permission == CircuitBreaker.Permission.PROBE;
                boolean newAttempt = !job.redirectedHere;
                job.redirectedHere = false;
                if (newAttempt) {
                    job.beginAttempt(config.method(), baseHeaders, now);
                }
                host.inFlight++;
                inFlight++;
                active.add(job);
                if (newAttempt) {
                    listener.onEvent(new SalvoEvent.AttemptStarted(job.request, job.attempts, host.key));
                }
                send(job);
            }
        }
    }

    private void send(Job job) {
        // Redirect hops share the attempt's budget: each gets only what the earlier ones left.
        long spentNanos = time.nanoTime() - job.attemptStartNanos;
        long leftMillis = Math.max(1, (config.timeout().toNanos() - spentNanos) / 1_000_000L);
        Exchange exchange = new Exchange(job.method, job.current, job.headers, job.body, leftMillis);
        try {
            job.inFlight = transport.send(exchange, outcome -> onOutcome(job, outcome));
        } catch (RuntimeException e) {
            // The job is already counted in flight and must still reach its one result. Reported
            // on a later turn of the loop, like any outcome, so dispatch() is never re-entered.
            job.inFlight = (type, message) -> { };
            Outcome failure = new Outcome.Failure(ErrorType.PROTOCOL, "request could not be sent: " + e.getMessage());
            loop.execute(() -> onOutcome(job, failure));
        }
    }

    private void onOutcome(Job job, Outcome outcome) {
        long now = time.nanoTime();
        Verdict verdict = rules.decide(job, outcome, now, time.epochMillis(), ThreadLocalRandom.current().nextDouble());
        if (verdict instanceof Verdict.Redirect && now - job.attemptStartNanos >= config.timeout().toNanos()) {
            // The timeout bounds the whole attempt, not each hop: a spent budget ends it here.
            outcome = new Outcome.Failure(ErrorType.TIMEOUT, "no complete response within "
                    + config.timeout().toMillis() + " ms (" + job.redirects + " redirects followed)");
            verdict = rules.decide(job, outcome, now, time.epochMillis(), ThreadLocalRandom.current().nextDouble());
        }
        if (verdict instanceof Verdict.Redirect redirect && !stopping) {
            job.recordRedirect(((Outcome.Response) outcome).status());
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
            if (redirect.next().hostKey().equals(job.host.key)) {
                send(job);
            } else {
                moveToHost(job, redirect.next().hostKey(), now);
            }
            return;
        }
        HostState host = job.host;
        active.remove(job);
        host.inFlight--;
        inFlight--;
        reportAttempt(job, outcome, now);
        switch (verdict) {
            case Verdict.Complete complete -> complete(job, complete.result());
            case Verdict.Retry retry when !stopping -> scheduleRetry(job, retry, now);
            default -> complete(job, cancelled(job, "run stopped before this URL finished"));
        }
        markRunnable(host);
        dispatch();
        forgetIfIdle(host, now);
    }

    /**
     * A redirect to another host continues the same attempt, but under that host's limits, rate
     * and circuit: the job gives back its slot here and queues, first in line, at the new host.
     * Holding the old host's slot instead would let many hosts redirecting to one exceed its cap.
     */
    private void moveToHost(Job job, String hostKey, long now) {
        HostState from = job.host;
        active.remove(job);
        from.inFlight--;
        from.pending--;
        inFlight--;
        HostState to = hosts.computeIfAbsent(hostKey, this::newHost);
        job.host = to;
        job.redirectedHere = true;
        to.pending++;
        to.ready.addFirst(job);
        markRunnable(from);
        markRunnable(to);
        dispatch();
        forgetIfIdle(from, now);
    }

    private void reportAttempt(Job job, Outcome outcome, long now) {
        Integer status = outcome instanceof Outcome.Response r ? r.status()
                : ((Outcome.Failure) outcome).status();
        ErrorType error = outcome instanceof Outcome.Failure f ? f.type()
                : status >= 200 && status < 300 ? null : ErrorType.HTTP;
        listener.onEvent(new SalvoEvent.AttemptFinished(job.request, job.attempts, job.host.key, status, error,
                now - job.attemptStartNanos));
        if (error == ErrorType.CANCELLED) {
            return;
        }
        boolean failed = RetryRules.countsAsHostFailure(outcome instanceof Outcome.Response ? status : null, error);
        CircuitBreaker.Transition transition = failed
                ? job.host.circuit.onFailure(job.probe, now)
                : job.host.circuit.onSuccess(job.probe);
        switch (transition) {
            case OPENED -> listener.onEvent(new SalvoEvent.CircuitOpened(job.host.key));
            case CLOSED -> listener.onEvent(new SalvoEvent.CircuitClosed(job.host.key));
            default -> { }
        }
    }

    private void scheduleRetry(Job job, Verdict.Retry retry, long now) {
        HostState host = job.host;
        if (retry.pauseHostNanos() > 0 && now + retry.pauseHostNanos() > host.pausedUntilNanos) {
            host.pausedUntilNanos = now + retry.pauseHostNanos();
            listener.onEvent(new SalvoEvent.HostPaused(host.key, Duration.ofNanos(retry.pauseHostNanos())));
        }
        listener.onEvent(new SalvoEvent.RetryScheduled(job.request, job.attempts, Duration.ofNanos(retry.delayNanos()),
                retry.reason()));
        waiting.add(job);
        job.retryTimer = time.schedule(retry.delayNanos(), () -> loop.execute(() -> {
            if (waiting.remove(job)) {
                // To the front: finishing started work first frees window space soonest.
                host.ready.addFirst(job);
                markRunnable(host);
                dispatch();
            }
        }));
    }

    private void wakeLater(HostState host, long delayNanos) {
        if (host.wake != null) {
            return;
        }
        host.wake = time.schedule(delayNanos, () -> loop.execute(() -> {
            host.wake = null;
            markRunnable(host);
            dispatch();
        }));
    }

    private void scheduleGlobalWake(long delayNanos) {
        if (globalWake != null) {
            return;
        }
        globalWake = time.schedule(delayNanos, () -> loop.execute(() -> {
            globalWake = null;
            dispatch();
        }));
    }

    private void drain(HostState host, java.util.function.Function<Job, FetchResult> resultOf) {
        Job job;
        while ((job = host.ready.pollFirst()) != null) {
            complete(job, resultOf.apply(job));
        }
    }

    private void complete(Job job, FetchResult result) {
        job.host.pending--;
        deliver(job, result);
    }

    private void deliver(Job job, FetchResult result) {
        listener.onEvent(new SalvoEvent.ResultProduced(result));
        sink.deliver(job.seq, result);
    }

    /**
     * Drops every host that no longer needs remembering. A host is normally dropped when its last
     * job ends, but one left with a half-empty bucket, a pause or an open circuit is kept until
     * those have passed; this sweep, run every {@link #SWEEP_EVERY} admissions, collects them so
     * a long run over many hosts keeps a bounded host table.
     */
    private void forgetIdleHosts() {
        long now = time.nanoTime();
        hosts.values().removeIf(host -> host.isIdle(now));
    }

    private void forgetIfIdle(HostState host, long now) {
        if (host.isIdle(now)) {
            hosts.remove(host.key);
        }
    }

    private FetchResult cancelled(Job job, String message) {
        return FetchResult.failed(job.request, job.attempts, job.elapsedNanos(time.nanoTime()),
                new FetchError(ErrorType.CANCELLED, message));
    }


    private static List<Header> withoutCredentials(List<Header> headers) {
        return headers.stream()
                .filter(h -> !h.name().equalsIgnoreCase("Authorization")
                        && !h.name().equalsIgnoreCase("Cookie")
                        && !h.name().equalsIgnoreCase("Proxy-Authorization"))
                .toList();
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

    /** Requests in flight now; for tests and diagnostics. */
    int inFlight() {
        return inFlight;
    }
}
