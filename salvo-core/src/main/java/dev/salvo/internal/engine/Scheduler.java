package dev.salvo.internal.engine;

import dev.salvo.SalvoEvent;
import dev.salvo.SalvoListener;
import dev.salvo.TimeSource;
import dev.salvo.internal.policy.CircuitBreaker;
import dev.salvo.internal.robots.Robots;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Decides which queued work may start now, and nothing else: the global cap and rate, each
 * host's cap, pause, rate and circuit permission, and round robin between hosts, so one slow or
 * limited host never holds back the others. What an attempt then does (redirects, retries,
 * results) is the {@link AttemptLifecycle}'s.
 *
 * <p>Starting work grants a <em>lease</em>: one of the host's and one of the global slots, and
 * the circuit's probe permit when the host is half-open. The lease is recorded on the job
 * ({@link Job#host}, {@link Job#probe}) and given back with {@link #release}, which also reports
 * the hop's outcome to that host's circuit: whoever holds a lease must release it on every path
 * out of IN_FLIGHT, a move to another host included.
 *
 * <p>{@link #promote} decides first and acts after, as OkHttp's {@code promoteAndExecute} does:
 * it picks what may start while touching only scheduling state, then hands each pick (and each
 * job a circuit refused) to the lifecycle. A call made while acting (an outcome reported at once)
 * only asks for another round.
 *
 * <p>Not thread-safe: every method runs on the engine's event-loop thread.
 */
final class Scheduler {

    /** What the lifecycle does with the scheduler's decisions. */
    interface Starts {
        /** {@code job} holds a lease at {@link Job#host} and must be sent. */
        void start(Job job, long nowNanos);

        /** {@code job} was taken out of {@code host}'s queue because its circuit is open. */
        void refused(Job job, HostState host, long nowNanos);

        /** {@code job} was taken out of its host's queue because robots.txt disallows its next hop. */
        void disallowed(Job job, String refusal, long nowNanos);
    }

    /** Stands in for a host's wake timer between deciding it must wait and arming the timer. */
    private static final TimeSource.Cancellable PENDING_WAKE = () -> { };
    /** Stands in for a host's robots.txt fetch between deciding on it and starting it. */
    private static final TimeSource.Cancellable PENDING_ROBOTS = () -> { };

    /** What a released lease reports to its host's circuit. */
    enum Report { SUCCESS, FAILURE, NOTHING }

    private final HostTable hosts;
    private final GlobalLimits global;
    private final int perHost;
    private final TimeSource time;
    private final Executor loop;
    private final SalvoListener listener;
    private final Gauges gauges;
    private Starts starts;
    /** Null unless requests are also limited per address. */
    private PerIpLimits perIp;
    /** Null unless robots.txt is obeyed. */
    private RobotsGate robots;
    /** A job robots.txt refused, taken from {@code host}'s queue, and why. */
    private record Disallowed(Job job, HostState host, String why) { }
    /** A robots.txt fetch leased at {@code host}, for the origin of {@code forJob}. */
    private record RobotsFetchDue(HostState host, Job forJob) { }
    /** Jobs robots.txt refused; handed on in {@link #act}. */
    private final List<Disallowed> disallowed = new ArrayList<>();
    /** robots.txt fetches decided on; started in {@link #act}. */
    private final List<RobotsFetchDue> robotsFetches = new ArrayList<>();

    private final ArrayDeque<HostState> runnable = new ArrayDeque<>();
    private final List<Job> picked = new ArrayList<>();
    private final List<Job> refused = new ArrayList<>();
    private final List<HostState> refusedAt = new ArrayList<>();
    /** Hosts that must wait (pause, rate) and for how long; their timers are armed after acting. */
    private final List<HostState> toWake = new ArrayList<>();
    private final List<Long> toWakeIn = new ArrayList<>();
    private long globalWakeIn = -1;
    private TimeSource.Cancellable globalWake;
    private boolean promoting;
    private boolean again;
    private boolean stopped;
    private int queued;

    Scheduler(HostTable hosts, GlobalLimits global, int perHost, TimeSource time, Executor loop,
              SalvoListener listener, Gauges gauges) {
        this.hosts = hosts;
        this.global = global;
        this.perHost = perHost;
        this.time = time;
        this.loop = loop;
        this.listener = listener;
        this.gauges = gauges;
    }

    void bind(Starts starts) {
        this.starts = starts;
    }

    /** Also limits requests per resolved address; see {@link PerIpLimits}. */
    void limitPerAddress(PerIpLimits limits) {
        this.perIp = limits;
        limits.bind((host, promote) -> {
            markRunnable(host);
            if (promote) {
                promote();
            }
            return host.runnable;
        });
    }

    /** Obeys robots.txt: checked before each request, fetched (under a lease) before a host's first. */
    void obeyRobots(RobotsGate gate) {
        this.robots = gate;
    }

    /** Queues {@code job} at {@code hostKey}, first in line when {@code first}. Start with {@link #promote}. */
    void enqueue(Job job, String hostKey, boolean first) {
        HostState host = hosts.get(hostKey);
        job.host = host;
        host.enqueue(job, first);
        queued++;
        markRunnable(host);
    }

    /** Starts everything the limits allow now; see the class comment. */
    void promote() {
        if (promoting) {
            again = true;
            return;
        }
        promoting = true;
        try {
            do {
                again = false;
                decide();
                act();
            } while (again);
        } finally {
            promoting = false;
        }
        publishGauges();
    }

    /** Publishes the gauges for {@link Dispatcher#snapshot}; after every change of scheduling state. */
    void publishGauges() {
        gauges.publish(global.inFlight(), queued, hosts.size());
    }

    private void decide() {
        while (global.hasSlot() && !runnable.isEmpty() && !stopped) {
            long now = time.nanoTime();
            long wait = global.nanosUntilToken(now);
            if (wait > 0) {
                globalWakeIn = wait;
                return;
            }
            HostState host = runnable.pollFirst();
            host.runnable = false;
            if (host.hasStartableWork(perHost)) {
                decideFor(host, now);
            }
            if (perIp != null) {
                perIp.settle(host);   // a slot held for it at its address is taken now, or passed on
            }
            markRunnable(host);
        }
    }

    private void decideFor(HostState host, long now) {
        Robots.Check.Kind robotsSay = robots == null ? Robots.Check.Kind.GO : screenForRobots(host, now);
        if (robotsSay != Robots.Check.Kind.GO && robotsSay != Robots.Check.Kind.FETCH) {
            return;   // nothing left, or waiting for the Crawl-delay or for the robots.txt being fetched
        }
        if (host.pausedUntilNanos != Long.MIN_VALUE && host.pausedUntilNanos - now > 0) {
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
        if (perIp != null && !perIp.admits(host)) {
            return;   // waits for its address, holding nothing; PerIpLimits wakes it
        }
        if (robotsSay == Robots.Check.Kind.FETCH) {
            leaseForRobots(host, now);
            return;
        }
        CircuitBreaker.Permission permission = host.circuit.acquire(now);
        if (host.circuit.lastPermitTransition() == CircuitBreaker.Transition.HALF_OPENED) {
            listener.onEvent(new SalvoEvent.CircuitHalfOpened(host.key));
        }
        switch (permission) {
            case REJECT -> {
                Job job;
                while ((job = host.poll()) != null) {
                    queued--;
                    refused.add(job);
                    refusedAt.add(host);
                }
            }
            case WAIT -> { } // the probe's release makes the host runnable again
            case ALLOW, PROBE -> {
                takeLease(host, now);
                Job job = host.poll();
                queued--;
                job.probe = permission == CircuitBreaker.Permission.PROBE;
                if (robots != null) {
                    robots.started(job, now);
                }
                picked.add(job);
            }
        }
    }

    /**
     * robots.txt's say on {@code host}'s next job: takes the jobs it disallows out of the queue
     * (handed on in {@link #act}) and tells whether the next may go, must wait for the Crawl-delay
     * (a wake is then set), needs the robots.txt fetched first, or is waiting for that fetch
     * (the host has a lease out then, so is not picked: the case does not arise). Null when
     * nothing is left in the queue.
     */
    private Robots.Check.Kind screenForRobots(HostState host, long now) {
        Job job;
        while ((job = host.peek()) != null) {
            Robots.Check check = robots.check(job, now);
            if (check.kind() != Robots.Check.Kind.DISALLOWED) {
                if (check.kind() == Robots.Check.Kind.WAIT) {
                    wakeLater(host, check.waitNanos());
                }
                return check.kind();
            }
            host.poll();
            queued--;
            job.host = null;
            disallowed.add(new Disallowed(job, host, check.refusal()));
        }
        return null;
    }

    /**
     * Takes a lease (host slot, global slot, rate tokens) for fetching {@code host}'s robots.txt,
     * a request to that host like any other; the host starts nothing else until it has ended.
     */
    private void leaseForRobots(HostState host, long now) {
        takeLease(host, now);
        host.wake = PENDING_ROBOTS;
        robotsFetches.add(new RobotsFetchDue(host, host.peek()));
    }

    /**
     * Takes one request's lease at {@code host}: its rate token, a global slot and rate token,
     * a host slot and, with {@code --per-ip}, a slot at its address. The caller has checked that
     * all are available; {@link #returnLease} gives back what must be given back.
     */
    private void takeLease(HostState host, long now) {
        if (host.bucket != null) {
            host.bucket.take(now);
        }
        global.acquire(now);
        host.inFlight++;
        if (perIp != null) {
            perIp.acquire(host);
        }
    }

    /** Gives back the slots {@link #takeLease} took (rate tokens are spent, not returned). */
    private void returnLease(HostState host) {
        host.inFlight--;
        global.release();
        if (perIp != null) {
            perIp.release(host);
        }
    }

    /** The robots.txt fetch of {@code host} ended (or was cancelled): its lease comes back. */
    private void robotsFetched(HostState host, TimeSource.Cancellable fetch) {
        if (host.wake == fetch) {
            host.wake = null;
        }
        returnLease(host);
        markRunnable(host);
        hosts.settle(host, time.nanoTime());
        promote();
    }

    private void act() {
        long now = time.nanoTime();
        for (Disallowed refusal : disallowed) {
            starts.disallowed(refusal.job(), refusal.why(), now);
            hosts.settle(refusal.host(), now);
        }
        disallowed.clear();
        for (RobotsFetchDue due : robotsFetches) {
            HostState host = due.host();
            TimeSource.Cancellable[] self = new TimeSource.Cancellable[1];
            // done always runs on a later turn of the loop, so after self[0] is set.
            self[0] = robots.fetch(due.forJob(), now, () -> robotsFetched(host, self[0]));
            host.wake = self[0];
        }
        robotsFetches.clear();
        for (int i = 0; i < refused.size(); i++) {
            Job job = refused.get(i);
            HostState host = refusedAt.get(i);
            job.host = null;
            starts.refused(job, host, now);
            hosts.settle(host, now);
        }
        refused.clear();
        refusedAt.clear();
        for (Job job : picked) {
            starts.start(job, now);
        }
        picked.clear();
        // Timers last: once armed, a timer may fire (and a test's clock may move) at any moment,
        // so everything decided at this instant has happened by then.
        for (int i = 0; i < toWake.size(); i++) {
            wakeIn(toWake.get(i), toWakeIn.get(i));
        }
        toWake.clear();
        toWakeIn.clear();
        if (globalWakeIn > 0) {
            wakeGloballyIn(globalWakeIn);
            globalWakeIn = -1;
        }
    }

    /** Marks {@code host} as waiting, so it is not picked again; its timer is armed in {@link #act}. */
    private void wakeLater(HostState host, long delayNanos) {
        host.wake = PENDING_WAKE;
        toWake.add(host);
        toWakeIn.add(delayNanos);
    }

    /**
     * Gives back {@code job}'s lease and reports the hop to its host's circuit. The caller then
     * queues the job elsewhere, schedules its retry or finishes it, and calls {@link #promote}.
     */
    void release(Job job, Report report, long nowNanos) {
        HostState host = job.host;
        boolean probe = job.probe;
        job.host = null;
        job.probe = false;
        returnLease(host);
        CircuitBreaker.Transition transition = switch (report) {
            case SUCCESS -> host.circuit.onSuccess(probe);
            case FAILURE -> host.circuit.onFailure(probe, nowNanos);
            case NOTHING -> {
                if (probe) {
                    host.circuit.abandonProbe();
                }
                yield CircuitBreaker.Transition.NONE;
            }
        };
        switch (transition) {
            case OPENED -> {
                if (!probe) {
                    gauges.openCircuits++;   // a failed probe re-opens a circuit already counted
                }
                listener.onEvent(new SalvoEvent.CircuitOpened(host.key));
            }
            case CLOSED -> {
                gauges.openCircuits--;
                listener.onEvent(new SalvoEvent.CircuitClosed(host.key));
            }
            default -> { }
        }
        markRunnable(host);
        hosts.settle(host, nowNanos);
    }

    /**
     * Pauses {@code job}'s leased host for {@code pauseNanos} from {@code nowNanos} (Retry-After or
     * a spent rate limit), if that ends later than any pause it has, and says so with
     * {@link SalvoEvent.HostPaused}.
     */
    void pauseHost(Job job, long nowNanos, long pauseNanos) {
        HostState host = job.host;
        long untilNanos = nowNanos + pauseNanos;
        if (untilNanos - host.pausedUntilNanos > 0 || host.pausedUntilNanos == Long.MIN_VALUE) {
            host.pausedUntilNanos = untilNanos;
            listener.onEvent(new SalvoEvent.HostPaused(host.key, Duration.ofNanos(pauseNanos)));
        }
    }

    /** Starts nothing more; empties every queue and returns the jobs that were in them. */
    List<Job> stop() {
        stopped = true;
        if (globalWake != null) {
            globalWake.cancel();
            globalWake = null;
        }
        List<Job> drained = new ArrayList<>();
        long now = time.nanoTime();
        for (HostState host : hosts.all()) {
            if (host.wake != null) {
                host.wake.cancel();
                host.wake = null;
            }
            Job job;
            while ((job = host.poll()) != null) {
                queued--;
                job.host = null;
                drained.add(job);
            }
            host.runnable = false;
            hosts.settle(host, now);
        }
        runnable.clear();
        publishGauges();
        return drained;
    }

    int inFlight() {
        return global.inFlight();
    }

    private void markRunnable(HostState host) {
        if (!host.runnable && host.hasStartableWork(perHost)) {
            host.runnable = true;
            runnable.addLast(host);
        }
    }

    private void wakeIn(HostState host, long delayNanos) {
        if (host.wake != PENDING_WAKE) {
            return;   // its queue was emptied meanwhile (stopped, refused)
        }
        TimeSource.Cancellable[] self = new TimeSource.Cancellable[1];
        // The task hops onto the loop, so it runs after this method has stored its handle.
        self[0] = time.schedule(delayNanos, () -> loop.execute(() -> {
            if (host.wake != self[0]) {
                return;   // cancelled after it fired
            }
            host.wake = null;
            markRunnable(host);
            promote();
            hosts.settle(host, time.nanoTime());
        }));
        host.wake = self[0];
    }

    private void wakeGloballyIn(long delayNanos) {
        if (globalWake != null) {
            return;
        }
        TimeSource.Cancellable[] self = new TimeSource.Cancellable[1];
        self[0] = time.schedule(delayNanos, () -> loop.execute(() -> {
            if (globalWake != self[0]) {
                return;
            }
            globalWake = null;
            promote();
        }));
        globalWake = self[0];
    }
}
