package dev.salvo.internal.engine;

import dev.salvo.FetchRequest;
import dev.salvo.FetchResult;
import dev.salvo.SalvoConfig;
import dev.salvo.SalvoEvent;
import dev.salvo.testing.FakeTime;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * The real engine ({@link Dispatcher} and everything behind it) on one thread, with no sockets and
 * no sleeping: the event loop is a queue this class drains, the clock is a {@link FakeTime} that
 * moves only to the next timer, and the network is a {@link ScriptedTransport}. The same inputs
 * always give the same run.
 *
 * <p>Not thread-safe.
 */
final class Simulation {

    /** A bound on loop turns and timers in one run, so a livelock fails instead of spinning. */
    private static final int MAX_STEPS = 2_000_000;

    final FakeTime time = new FakeTime();
    final ArrayDeque<Runnable> loop = new ArrayDeque<>();
    /** Events and exchanges sent, interleaved in the order they happened. */
    final List<Object> timeline = new ArrayList<>();
    final ScriptedTransport transport = new ScriptedTransport(time, loop::addLast, timeline::add);
    final List<SalvoEvent> events = new ArrayList<>();
    /** When each event happened on the clock. */
    final java.util.IdentityHashMap<SalvoEvent, Long> eventNanos = new java.util.IdentityHashMap<>();
    /** Results by admission number, in the order they were delivered. */
    final Map<Long, FetchResult> results = new LinkedHashMap<>();
    final List<String> problems = new ArrayList<>();
    final SalvoConfig config;
    final Dispatcher dispatcher;
    private long nextSeq;

    Simulation(UnaryOperator<SalvoConfig.Builder> configure) {
        this(configure, 1, HostTable.MAX_DORMANT);
    }

    /**
     * @param seed       seeds the backoff jitter, so a run replays exactly
     * @param maxDormant the host table's cap on hosts without work
     */
    Simulation(UnaryOperator<SalvoConfig.Builder> configure, long seed, int maxDormant) {
        SalvoConfig.Builder builder = SalvoConfig.builder().timeSource(time).listener(event -> {
            events.add(event);
            eventNanos.put(event, time.nanoTime());
            timeline.add(event);
        });
        this.config = configure.apply(builder).build();
        Random jitter = new Random(seed);
        this.dispatcher = new Dispatcher(config, transport, loop::addLast, (seq, result) -> {
            if (results.putIfAbsent(seq, result) != null) {
                problems.add("a second result for request " + seq + ": " + result);
            }
        }, jitter::nextDouble, maxDormant);
    }

    /** Admits one request per URL, indexed in admission order; returns their admission numbers. */
    List<Long> admit(String... urls) {
        List<Job> jobs = new ArrayList<>();
        List<Long> seqs = new ArrayList<>();
        for (String url : urls) {
            long seq = nextSeq++;
            jobs.add(Job.admit(FetchRequest.of(seq, url), seq));
            seqs.add(seq);
        }
        loop.addLast(() -> dispatcher.admit(jobs));
        drainLoop();
        return seqs;
    }

    long admitted() {
        return nextSeq;
    }

    /** Runs loop tasks until none is left, without moving time. */
    void drainLoop() {
        Runnable task;
        int steps = 0;
        while ((task = loop.pollFirst()) != null) {
            if (++steps > MAX_STEPS) {
                throw new AssertionError("event loop never went quiet: a task loop?");
            }
            task.run();
        }
    }

    /**
     * Moves time from timer to timer until every admitted request has its result, or nothing is
     * left to happen (then the run has hung, which {@link #finished()} reports).
     */
    void runUntilQuiet() {
        drainLoop();
        int timers = 0;
        while (results.size() < nextSeq && time.pendingCount() > 0) {
            if (++timers > MAX_STEPS) {
                throw new AssertionError("run still going after " + MAX_STEPS + " timers");
            }
            time.runNextTimer();
            drainLoop();
        }
    }

    /** Moves time by {@code duration}, running what falls due. */
    void advance(Duration duration) {
        drainLoop();
        long target = time.nanoTime() + duration.toNanos();
        while (time.pendingCount() > 0 && time.nextDueNanos() - target <= 0) {
            time.runNextTimer();
            drainLoop();
        }
        time.advanceNanos(Math.max(0, target - time.nanoTime()));
        drainLoop();
    }

    void stop(Duration grace) {
        loop.addLast(() -> dispatcher.stop(grace));
        drainLoop();
    }

    /** True when every admitted request has exactly one result. */
    boolean finished() {
        return results.size() == nextSeq;
    }

    /**
     * Attempts counted against a host other than the one their first exchange went to: each
     * AttemptStarted must be followed at once by the exchange it announced, to the same host.
     */
    List<String> attemptsCountedAgainstAnotherHost() {
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < timeline.size(); i++) {
            if (timeline.get(i) instanceof SalvoEvent.AttemptStarted started) {
                Object next = i + 1 < timeline.size() ? timeline.get(i + 1) : null;
                if (!(next instanceof ScriptedTransport.Sent sent) || !sent.hostKey().equals(started.host())) {
                    wrong.add(started + " then " + next);
                }
            }
        }
        return wrong;
    }

    /** AttemptStarted events minus AttemptFinished events. */
    long unbalancedAttempts() {
        return events(SalvoEvent.AttemptStarted.class).size() - events(SalvoEvent.AttemptFinished.class).size();
    }

    <T extends SalvoEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
