package dev.salvo.internal.engine;

import dev.salvo.TimeSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The hosts a run knows, bounded. A host with work (queued jobs or leases out) is always kept. A
 * host without work is forgotten at once when a new one would act the same; otherwise it is
 * <em>dormant</em> and waits in one of two deadline queues:
 * <ul>
 *   <li>held for politeness: its Retry-After pause or its bucket's refill is not over
 *       ({@link HostState#politeUntilNanos}); never forgotten before that, so no limit is
 *       broken by forgetting;</li>
 *   <li>held for its circuit: recent failures or an open circuit
 *       ({@link dev.salvo.internal.policy.CircuitBreaker#forgettableAtNanos}). These are capped
 *       at {@code maxDormant}: past the cap the one whose deadline is nearest (of equal ones, the
 *       one held longest) is forgotten early. That gives up a little memory of a failing host
 *       (its next URL may cost one more failed attempt) to keep memory flat however many hosts
 *       fail.</li>
 * </ul>
 * A host held for its circuit whose circuit is closed (it failed, but fewer times than the
 * threshold) is the common case of a run over many dead hosts, and all its circuit knows is two
 * numbers: it is kept in {@link FailureMemory}, as primitives under a hash of its key, and its
 * objects are dropped at once; {@link #get} gives the host those numbers back if it gets work
 * again. Only hosts with an open circuit are held as objects (forgetting one is reported, and
 * that needs its key). So the objects a dead host costs die young, and the old generation does
 * not fill with them.
 *
 * <p>One timer, armed for the earliest deadline, forgets hosts as they come due: O(log n) per
 * dormant host instead of a sweep over every host.
 *
 * <p>Forgetting a host whose circuit is open is reported through {@code onForget}, so the
 * engine can say the circuit is closed (a new host starts closed) and counts come back down.
 *
 * <p>Confined to the engine thread.
 */
final class HostTable {

    /**
     * Default cap on hosts held for their circuit alone: some 5 MB while their circuits are
     * closed (in {@link FailureMemory}), some 16 MB if every one of them were open (objects).
     */
    static final int MAX_DORMANT = 65_536;

    /** A dormant host's place in a deadline queue; {@code sequence} orders equal deadlines. */
    private record Expiry(long atNanos, long sequence, HostState host) { }

    private final Map<String, HostState> hosts = new HashMap<>();
    private final PriorityQueue<Expiry> polite = new PriorityQueue<>(HostTable::byDeadline);
    /** Hosts held for an open circuit. */
    private final PriorityQueue<Expiry> circuit = new PriorityQueue<>(HostTable::byDeadline);
    /** Hosts held for failures of a closed circuit, without objects. */
    private final FailureMemory failures = new FailureMemory();
    private final Function<String, HostState> create;
    private final Consumer<HostState> onForget;
    private final TimeSource time;
    private final Executor loop;
    private final int maxDormant;
    /** Hashes a host key for {@link #failures}; {@link FailureMemory#hash} but in tests. */
    private final ToLongFunction<String> hash;
    private Runnable afterExpiry = () -> { };
    private int dormantPolite;
    /** Hosts held as objects in {@link #circuit}; {@link #failures} holds the rest held for their circuit. */
    private int dormantCircuit;
    /** Numbers each hold, so that of equal deadlines the one set first comes first. */
    private long sequence;
    private TimeSource.Cancellable timer;
    private long timerAtNanos;

    HostTable(Function<String, HostState> create, Consumer<HostState> onForget, TimeSource time, Executor loop,
              int maxDormant) {
        this(create, onForget, time, loop, maxDormant, FailureMemory::hash);
    }

    /** For tests: {@code hash} stands in for {@link FailureMemory#hash}, to make keys collide. */
    HostTable(Function<String, HostState> create, Consumer<HostState> onForget, TimeSource time, Executor loop,
              int maxDormant, ToLongFunction<String> hash) {
        this.hash = hash;
        this.create = create;
        this.onForget = onForget;
        this.time = time;
        this.loop = loop;
        this.maxDormant = maxDormant;
    }

    /** Runs after the timer has forgotten hosts, so that gauges can follow. */
    void afterExpiry(Runnable task) {
        this.afterExpiry = task;
    }

    /** The host for {@code key}, created if unknown; the caller is about to give it work. */
    HostState get(String key) {
        HostState host = hosts.get(key);
        if (host == null) {
            host = create.apply(key);
            hosts.put(key, host);
            recallFailures(host);
        } else {
            wake(host);   // its queue entry is now stale
        }
        return host;
    }

    /**
     * Called whenever {@code host} may have run out of work: forgets it now, or makes it dormant
     * until it can be. A host with work, or already dormant, is left as it is.
     */
    void settle(HostState host, long nowNanos) {
        if (host.hasWork() || host.forgetAtNanos != HostState.NOT_DORMANT || hosts.get(host.key) != host) {
            return;
        }
        if (host.wake != null) {
            host.wake.cancel();
            host.wake = null;
        }
        long politeUntil = host.politeUntilNanos(nowNanos);
        long circuitAt = host.circuit.forgettableAtNanos();
        if (politeUntil != Long.MIN_VALUE) {
            hold(host, politeUntil, true);
        } else if (circuitAt != Long.MIN_VALUE && circuitAt - nowNanos > 0) {
            if (host.circuit.isOpen()) {
                hold(host, circuitAt, false);
            } else {
                hosts.remove(host.key);   // not forgotten: its failures live on in the memory
                failures.put(hash.applyAsLong(host.key), host.circuit.consecutiveFailures(),
                        host.circuit.lastFailureNanos(), circuitAt, sequence++);
            }
            while (dormantCircuit + failures.size() > maxDormant) {
                forgetEarliestHeldForItsCircuit();
            }
        } else {
            forget(host);
            return;
        }
        compactIfStale();
        arm(nowNanos);
    }

    /** Forgets every host without work, dormant or not, and stops the timer: the run is over. */
    void clear() {
        for (HostState host : new ArrayList<>(hosts.values())) {
            if (!host.hasWork()) {
                wake(host);
                forget(host);
            }
        }
        polite.clear();
        circuit.clear();
        failures.clear();
        cancelTimer();
    }

    /** Hosts remembered now, as objects or in the failure memory. */
    int size() {
        return hosts.size() + failures.size();
    }

    /** Every host held as objects now; for stopping, which visits each (the others have no work). */
    List<HostState> all() {
        return new ArrayList<>(hosts.values());
    }

    private void hold(HostState host, long atNanos, boolean forPoliteness) {
        host.forgetAtNanos = atNanos;
        host.heldForPoliteness = forPoliteness;
        if (forPoliteness) {
            dormantPolite++;
            polite.add(new Expiry(atNanos, sequence++, host));
        } else {
            dormantCircuit++;
            circuit.add(new Expiry(atNanos, sequence++, host));
        }
    }

    /** Gives a host just created the failures its circuit had when it was last held, if any. */
    private void recallFailures(HostState host) {
        if (failures.isEmpty()) {
            return;
        }
        int slot = failures.find(hash.applyAsLong(host.key));
        if (slot >= 0) {
            host.circuit.restoreFailures(failures.failures(slot), failures.lastFailureNanos(slot));
            failures.remove(slot);
        }
    }

    /** Takes {@code host} out of dormancy, if it was dormant. */
    private void wake(HostState host) {
        if (host.forgetAtNanos == HostState.NOT_DORMANT) {
            return;
        }
        host.forgetAtNanos = HostState.NOT_DORMANT;
        if (host.heldForPoliteness) {
            dormantPolite--;
        } else {
            dormantCircuit--;
        }
    }

    private boolean isLive(Expiry expiry, boolean forPoliteness) {
        HostState host = expiry.host;
        return host.forgetAtNanos == expiry.atNanos && host.heldForPoliteness == forPoliteness
                && hosts.get(host.key) == host;
    }

    /** Forgets the host held for its circuit whose deadline is nearest, as objects or not. */
    private void forgetEarliestHeldForItsCircuit() {
        earliestLive(circuit, false);   // drops stale heads
        Expiry head = circuit.peek();
        if (!failures.isEmpty() && (head == null || failureMemoryFirst(head))) {
            failures.removeEarliest();
        } else if (head != null) {
            circuit.poll();
            wake(head.host);
            forget(head.host);
        }
    }

    private boolean failureMemoryFirst(Expiry head) {
        long d = failures.earliestDeadline() - head.atNanos;
        return d != 0 ? d < 0 : failures.earliestSequence() < head.sequence;
    }

    private void expire() {
        timer = null;
        long now = time.nanoTime();
        expireFrom(polite, true, now);
        expireFrom(circuit, false, now);
        while (!failures.isEmpty() && failures.earliestDeadline() - now <= 0) {
            failures.removeEarliest();
        }
        arm(now);
        afterExpiry.run();
    }

    private void expireFrom(PriorityQueue<Expiry> queue, boolean forPoliteness, long now) {
        Expiry head;
        while ((head = queue.peek()) != null && head.atNanos - now <= 0) {
            queue.poll();
            if (isLive(head, forPoliteness)) {
                wake(head.host);
                settle(head.host, now);   // forgets it, or holds it for what remains (its circuit)
            }
        }
    }

    /** Drops stale entries once they outnumber live ones; amortised O(1) per entry. */
    private void compactIfStale() {
        if (polite.size() > 2 * dormantPolite + 1024) {
            polite.removeIf(e -> !isLive(e, true));
        }
        if (circuit.size() > 2 * dormantCircuit + 1024) {
            circuit.removeIf(e -> !isLive(e, false));
        }
    }

    private void arm(long nowNanos) {
        long next = Math.min(Math.min(earliestLive(polite, true), earliestLive(circuit, false)),
                failures.earliestDeadline());
        if (next == Long.MAX_VALUE) {
            cancelTimer();
            return;
        }
        if (timer != null && timerAtNanos - next <= 0) {
            return;   // the armed timer comes first; it re-arms for the rest
        }
        cancelTimer();
        timerAtNanos = next;
        timer = time.schedule(next - nowNanos, () -> loop.execute(this::expire));
    }

    /** The deadline of the earliest live entry, dropping stale heads; MAX_VALUE when none. */
    private long earliestLive(PriorityQueue<Expiry> queue, boolean forPoliteness) {
        Expiry head;
        while ((head = queue.peek()) != null && !isLive(head, forPoliteness)) {
            queue.poll();
        }
        return head == null ? Long.MAX_VALUE : head.atNanos;
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private void forget(HostState host) {
        hosts.remove(host.key);
        onForget.accept(host);
    }

    private static int byDeadline(Expiry a, Expiry b) {
        int byTime = Long.compare(a.atNanos - b.atNanos, 0);
        return byTime != 0 ? byTime : Long.compare(a.sequence, b.sequence);
    }
}
