package dev.salvo.internal.engine;

import dev.salvo.EngineSnapshot;
import dev.salvo.SalvoConfig;
import dev.salvo.SalvoEvent;
import dev.salvo.SalvoListener;
import dev.salvo.RobotsTxt;
import dev.salvo.TimeSource;
import dev.salvo.internal.policy.CircuitBreaker;
import dev.salvo.internal.policy.TokenBucket;
import dev.salvo.internal.robots.Robots;
import dev.salvo.internal.transport.Transport;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * One run's engine, wired: the {@link HostTable} (bounded host state), the {@link Scheduler}
 * (what may start now) and the {@link AttemptLifecycle} (what each attempt leads to), sharing
 * {@link Gauges} for {@link #snapshot}. This class only connects them and is the engine's entry
 * point for {@link RunImpl}.
 *
 * <p>Not thread-safe, except {@link #snapshot}: every other method must run on the engine's
 * event-loop thread ({@code loop}).
 */
final class Dispatcher {

    /** Receives each job's one result, with its admission sequence number. Must not block. */
    interface ResultSink extends AttemptLifecycle.ResultSink {
    }

    private final HostTable hosts;
    private final Scheduler scheduler;
    private final AttemptLifecycle lifecycle;
    private final Gauges gauges = new Gauges();
    private final SalvoListener listener;

    Dispatcher(SalvoConfig config, Transport transport, Executor loop, ResultSink sink) {
        this(config, transport, loop, sink, () -> ThreadLocalRandom.current().nextDouble(), HostTable.MAX_DORMANT);
    }

    /**
     * @param jitter     uniform in [0, 1) for backoff jitter; a simulation passes a seeded one
     * @param maxDormant most hosts kept without work (see {@link HostTable})
     */
    Dispatcher(SalvoConfig config, Transport transport, Executor loop, ResultSink sink, DoubleSupplier jitter,
               int maxDormant) {
        TimeSource time = config.timeSource();
        AdaptiveConcurrency adaptive = config.adaptive()
                ? new AdaptiveConcurrency(config.perHost(), config.listener()) : null;
        this.hosts = new HostTable(key -> newHost(config, key, adaptive), this::forgotten, time, loop, maxDormant);
        TokenBucket globalBucket = config.rate() > 0
                ? new TokenBucket(config.rate(), config.effectiveBurst(config.rate()), time.nanoTime()) : null;
        this.scheduler = new Scheduler(hosts, new GlobalLimits(config.concurrency(), globalBucket), config.perHost(),
                time, loop, config.listener(), gauges);
        this.lifecycle = new AttemptLifecycle(config, transport, loop, sink, scheduler, gauges, jitter);
        scheduler.bind(lifecycle);
        if (adaptive != null) {
            lifecycle.observeHops(adaptive);
        }
        lifecycle.observeHops(new RateLimitPauses(config, scheduler));
        if (config.perIp() > 0) {
            scheduler.limitPerAddress(new PerIpLimits(config.perIp(), transport, loop));
        }
        if (config.robots() == RobotsTxt.OBEY) {
            scheduler.obeyRobots(new RobotsGate(new Robots(config, transport, loop)));
        }
        hosts.afterExpiry(scheduler::publishGauges);
        this.listener = config.listener();
    }

    /** Takes new jobs in (in admission order) and starts what the limits allow. */
    void admit(List<Job> jobs) {
        for (Job job : jobs) {
            lifecycle.admit(job);
        }
        scheduler.promote();
    }

    /**
     * Stops the run: nothing new is sent, waiting and queued jobs end as cancelled at once, and
     * requests in flight get {@code grace} to finish before they are aborted.
     */
    void stop(Duration grace) {
        lifecycle.stop(grace);
    }

    /** The run is over: forgets every host (reporting open circuits closed) and its timer. */
    void close() {
        hosts.clear();
        scheduler.publishGauges();
    }

    private static HostState newHost(SalvoConfig config, String key, AdaptiveConcurrency adaptive) {
        long now = config.timeSource().nanoTime();
        TokenBucket bucket = config.perHostRate() > 0
                ? new TokenBucket(config.perHostRate(), config.effectiveBurst(config.perHostRate()), now) : null;
        HostState host = new HostState(key, new CircuitBreaker(config.circuitFailures(),
                config.circuitCooldown().toNanos()), bucket);
        if (adaptive != null) {
            adaptive.onCreated(host, now);
        }
        return host;
    }

    /** A forgotten host starts afresh with a closed circuit; an open one is reported closed. */
    private void forgotten(HostState host) {
        if (host.circuit.isOpen()) {
            gauges.openCircuits--;
            listener.onEvent(new SalvoEvent.CircuitClosed(host.key));
        }
    }

    /** Requests in flight now; for tests and diagnostics. */
    int inFlight() {
        return scheduler.inFlight();
    }

    /** Hosts remembered now; for tests. */
    int hostCount() {
        return hosts.size();
    }

    /** What the engine holds, as last published by the loop; safe from any thread. */
    EngineSnapshot snapshot() {
        return gauges.snapshot();
    }
}
