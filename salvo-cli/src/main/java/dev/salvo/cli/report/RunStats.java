package dev.salvo.cli.report;

import dev.salvo.EngineSnapshot;
import dev.salvo.ErrorType;
import dev.salvo.FetchResult;
import dev.salvo.SalvoEvent;
import dev.salvo.SalvoListener;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Counts what happens in a run from its events. {@link #onEvent} runs on the engine thread and only
 * bumps counters; {@link #snapshot} may be called from any thread at any time.
 *
 * <p>Thread-safe: every counter is a {@link LongAdder} in a map that is complete before the run
 * starts or is concurrent. A snapshot taken mid-run is not atomic across counters, which is fine
 * for a progress line; the one taken after the run is exact.
 *
 * <p>To report more (say latency percentiles from {@code AttemptFinished.elapsedNanos}), add a
 * field updated here or a second listener joined with {@link SalvoListener#andThen}, carry it in
 * {@link RunSnapshot}, and let {@link Summary} print a line for it.
 */
public final class RunStats implements SalvoListener {

    private final LongAdder results = new LongAdder();
    private final LongAdder ok = new LongAdder();
    private final LongAdder unchanged = new LongAdder();
    private final LongAdder attemptsStarted = new LongAdder();
    private final LongAdder attemptsFinished = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder hostPauses = new LongAdder();
    private final LongAdder circuitsOpened = new LongAdder();
    private final Map<ErrorType, LongAdder> failuresByType = new EnumMap<>(ErrorType.class);
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    // Failed URLs by final error type, then by final status (those with a response only).
    private final Map<ErrorType, Map<Integer, LongAdder>> failedByStatus = new EnumMap<>(ErrorType.class);
    private final LongAdder cancelled = new LongAdder();
    // Indexes of URLs between RetryScheduled and their next attempt (or their result).
    private final Set<Long> waitingRetry = ConcurrentHashMap.newKeySet();
    // Hosts between CircuitOpened and CircuitClosed.
    private final Set<String> openCircuits = ConcurrentHashMap.newKeySet();
    // The engine's own gauges, once a run is watched; the counts above are then not used for them.
    private volatile Supplier<EngineSnapshot> engine;
    private final HostLimits hostLimits = new HostLimits();

    public RunStats() {
        for (ErrorType type : ErrorType.values()) {
            failuresByType.put(type, new LongAdder());
            failedByStatus.put(type, new ConcurrentHashMap<>());
        }
    }

    @Override
    public void onEvent(SalvoEvent event) {
        switch (event) {
            case SalvoEvent.AttemptStarted started -> {
                attemptsStarted.increment();
                if (started.attempt() > 1) {
                    waitingRetry.remove(started.request().index());
                }
            }
            case SalvoEvent.AttemptFinished ignored -> attemptsFinished.increment();
            case SalvoEvent.RetryScheduled scheduled -> {
                retries.increment();
                waitingRetry.add(scheduled.request().index());
            }
            case SalvoEvent.HostPaused ignored -> hostPauses.increment();
            case SalvoEvent.CircuitOpened opened -> {
                circuitsOpened.increment();
                openCircuits.add(opened.host());
            }
            case SalvoEvent.CircuitClosed closed -> openCircuits.remove(closed.host());
            case SalvoEvent.HostLimitChanged changed -> hostLimits.onEvent(changed);
            case SalvoEvent.ResultProduced produced -> {
                if (!waitingRetry.isEmpty()) {
                    waitingRetry.remove(produced.result().index());
                }
                onResult(produced.result());
            }
            default -> { }
        }
    }

    private void onResult(FetchResult result) {
        results.increment();
        if (result.error() != null && result.error().type() == ErrorType.CANCELLED) {
            cancelled.increment();
            return;
        }
        if (result.ok()) {
            ok.increment();
            if (result.unchanged()) {
                unchanged.increment();
            }
        } else if (result.error() != null) {
            failuresByType.get(result.error().type()).increment();
            if (result.status() != null) {
                failedByStatus.get(result.error().type())
                        .computeIfAbsent(result.status(), s -> new LongAdder()).increment();
            }
        }
        if (result.status() != null) {
            byStatus.computeIfAbsent(result.status(), s -> new LongAdder()).increment();
        }
    }

    /**
     * Takes the gauges (in flight, waiting to retry, open circuits) from the engine's
     * {@link dev.salvo.FetchRun#snapshot()} instead of rebuilding them from events.
     */
    public void watch(Supplier<EngineSnapshot> engineSnapshot) {
        this.engine = engineSnapshot;
    }

    /** Each host's in-flight limit under {@code --adaptive}, as last set. */
    public HostLimits hostLimits() {
        return hostLimits;
    }

    /** The counts so far. */
    public RunSnapshot snapshot() {
        Map<ErrorType, Long> failures = new EnumMap<>(ErrorType.class);
        failuresByType.forEach((type, count) -> {
            long n = count.sum();
            if (n > 0) {
                failures.put(type, n);
            }
        });
        Map<Integer, Long> statuses = new TreeMap<>();
        byStatus.forEach((status, count) -> statuses.put(status, count.sum()));
        Map<ErrorType, Map<Integer, Long>> failureStatuses = new EnumMap<>(ErrorType.class);
        failedByStatus.forEach((type, byCode) -> {
            if (!byCode.isEmpty()) {
                Map<Integer, Long> counts = new TreeMap<>();
                byCode.forEach((status, count) -> counts.put(status, count.sum()));
                failureStatuses.put(type, counts);
            }
        });
        long started = attemptsStarted.sum();
        Supplier<EngineSnapshot> watched = engine;
        EngineSnapshot gauges = watched == null ? null : watched.get();
        long inFlight = gauges != null ? gauges.inFlight() : started - attemptsFinished.sum();
        long waiting = gauges != null ? gauges.waitingToRetry() : waitingRetry.size();
        long open = gauges != null ? gauges.openCircuits() : openCircuits.size();
        return new RunSnapshot(results.sum(), ok.sum(), started, inFlight, retries.sum(),
                hostPauses.sum(), circuitsOpened.sum(), failures, statuses, cancelled.sum(), waiting, open,
                failureStatuses, unchanged.sum());
    }
}
