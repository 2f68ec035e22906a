package dev.salvo.testing;

import dev.salvo.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link TimeSource} whose time moves only when the test says so, and which never sleeps.
 *
 * <p>Engine threads read the clock and {@link #schedule} timers; the test thread inspects the
 * pending timers ({@link #pendingTimers()}, {@link #awaitPendingTimer}) and moves time with
 * {@link #advance}, {@link #advanceNanos} or {@link #runNextTimer()}, which run the due tasks on
 * the test thread, earliest first (ties in scheduling order). Tasks never run inside
 * {@code schedule}, even with a zero delay: a zero-delay task is due now and runs at the next
 * advance (for instance {@code advanceNanos(0)}).
 *
 * <p>Time starts at {@link #START_NANOS} on the monotonic clock and {@link #START_EPOCH} on the
 * wall clock, and both move together. The monotonic start is far from zero so code that
 * wrongly treats a nano time as a duration shows up.
 *
 * <p>Thread-safe. Tasks run outside the lock, so a task may schedule, cancel or read the clock.
 * An exception thrown by a task propagates to the thread that advanced time; the clock stays
 * where that task was due and the remaining tasks stay pending.
 */
public final class FakeTime implements TimeSource {

    public static final long START_NANOS = 1_000_000_000_000L;
    public static final Instant START_EPOCH = Instant.parse("2025-01-01T00:00:00Z");

    /** Guard against a task that reschedules itself with no delay forever within one advance. */
    private static final int MAX_TASKS_PER_ADVANCE = 100_000;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition timerAdded = lock.newCondition();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final List<Long> requestedDelays = new ArrayList<>();   // guarded by lock
    private volatile long now = START_NANOS;                        // written under lock
    private long sequence;                                          // guarded by lock

    /**
     * A pending timer as seen by the test.
     *
     * @param delayNanos how long after the time of the snapshot it is due (0 if due now)
     * @param dueNanos   the {@link #nanoTime()} at which it is due
     */
    public record PendingTimer(long delayNanos, long dueNanos) {
        public Duration delay() {
            return Duration.ofNanos(delayNanos);
        }

        @Override
        public String toString() {
            return "timer in " + delay();
        }
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public long epochMillis() {
        return START_EPOCH.toEpochMilli() + TimeUnit.NANOSECONDS.toMillis(now - START_NANOS);
    }

    /** The current wall-clock time as an {@link Instant}. */
    public Instant instant() {
        return START_EPOCH.plusNanos(now - START_NANOS);
    }

    /** Nanoseconds elapsed since this clock was created. */
    public long elapsedNanos() {
        return now - START_NANOS;
    }

    @Override
    public Cancellable schedule(long delayNanos, Runnable task) {
        lock.lock();
        try {
            long delay = Math.max(0, delayNanos);
            requestedDelays.add(delay);
            Timer timer = new Timer(now + delay, sequence++, task);
            timers.add(timer);
            timerAdded.signalAll();
            return timer;
        } finally {
            lock.unlock();
        }
    }

    /** Moves time forward by {@code duration}, running every task that falls due on the way. */
    public void advance(Duration duration) {
        advanceNanos(duration.toNanos());
    }

    /**
     * Moves time forward by {@code nanos}, running due tasks one at a time, earliest first. The
     * clock reads each task's due time while it runs. Tasks scheduled by those tasks run too if
     * they fall due within the advance.
     */
    public void advanceNanos(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("time only moves forward: " + nanos);
        }
        long target;
        lock.lock();
        try {
            target = now + nanos;
        } finally {
            lock.unlock();
        }
        for (int ran = 0; ; ran++) {
            if (ran == MAX_TASKS_PER_ADVANCE) {
                throw new IllegalStateException("more than " + ran + " tasks in one advance: a task loop?");
            }
            Timer due = pollDueBy(target);
            if (due == null) {
                return;
            }
            due.task.run();
        }
    }

    /** Runs every task that is already due, without moving time. */
    public void runDueTasks() {
        advanceNanos(0);
    }

    /**
     * Moves time exactly to the earliest pending timer and runs it (and only it).
     *
     * @return the timer that ran, with its delay from the time before this call
     * @throws IllegalStateException if no timer is pending
     */
    public PendingTimer runNextTimer() {
        Timer next;
        PendingTimer ran;
        lock.lock();
        try {
            next = timers.poll();
            if (next == null) {
                throw new IllegalStateException("no timer pending at " + Duration.ofNanos(elapsedNanos()));
            }
            ran = next.view(now);
            now = Math.max(now, next.due);
        } finally {
            lock.unlock();
        }
        next.task.run();
        return ran;
    }

    /** The pending timers, earliest first, with delays relative to now. */
    public List<PendingTimer> pendingTimers() {
        lock.lock();
        try {
            long at = now;
            return timers.stream().sorted().map(t -> t.view(at)).toList();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The {@link #nanoTime()} at which the earliest pending timer is due, or {@link Long#MAX_VALUE}
     * when none is pending; cheap, for simulations that step from timer to timer.
     */
    public long nextDueNanos() {
        lock.lock();
        try {
            Timer next = timers.peek();
            return next == null ? Long.MAX_VALUE : next.due;
        } finally {
            lock.unlock();
        }
    }

    /** How many timers are pending. */
    public int pendingCount() {
        lock.lock();
        try {
            return timers.size();
        } finally {
            lock.unlock();
        }
    }

    /** The pending timers' delays from now, in nanoseconds, earliest first. */
    public List<Long> pendingDelaysNanos() {
        return pendingTimers().stream().map(PendingTimer::delayNanos).toList();
    }

    /**
     * Every delay ever passed to {@link #schedule} (negative ones as 0), in call order, whether
     * or not the timer has run or been cancelled: a log of how long the engine asked to wait.
     */
    public List<Duration> requestedDelays() {
        lock.lock();
        try {
            return requestedDelays.stream().map(Duration::ofNanos).toList();
        } finally {
            lock.unlock();
        }
    }

    /** Clears the log returned by {@link #requestedDelays()}. */
    public void clearRequestedDelays() {
        lock.lock();
        try {
            requestedDelays.clear();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Blocks the calling (test) thread, for at most {@code realTimeout} of real time, until a
     * timer is pending, and returns the earliest. For engines that schedule from other threads.
     *
     * @throws AssertionError if no timer is pending in time
     */
    public PendingTimer awaitPendingTimer(Duration realTimeout) throws InterruptedException {
        return awaitPendingTimers(1, realTimeout).get(0);
    }

    /**
     * Blocks, for at most {@code realTimeout} of real time, until at least {@code count} timers
     * are pending, and returns all pending timers, earliest first.
     *
     * @throws AssertionError if fewer are pending in time
     */
    public List<PendingTimer> awaitPendingTimers(int count, Duration realTimeout) throws InterruptedException {
        lock.lock();
        try {
            long left = realTimeout.toNanos();
            while (timers.size() < count) {
                if (left <= 0) {
                    throw new AssertionError("expected " + count + " pending timer(s) within " + realTimeout
                            + " of real time, found " + timers.size());
                }
                left = timerAdded.awaitNanos(left);
            }
            return pendingTimers();   // the lock is reentrant
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "FakeTime[+" + Duration.ofNanos(elapsedNanos()) + ", pending " + pendingDelaysNanos() + "]";
    }

    /** Removes and returns the earliest timer due by {@code target}, moving the clock to it; else moves to target. */
    private Timer pollDueBy(long target) {
        lock.lock();
        try {
            Timer next = timers.peek();
            if (next == null || next.due > target) {
                now = Math.max(now, target);
                return null;
            }
            timers.poll();
            now = Math.max(now, next.due);
            return next;
        } finally {
            lock.unlock();
        }
    }

    /** A scheduled task; its own cancel handle. Ordered by due time, then scheduling order. */
    private final class Timer implements Cancellable, Comparable<Timer> {
        final long due;
        final long seq;
        final Runnable task;

        Timer(long due, long seq, Runnable task) {
            this.due = due;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public void cancel() {
            lock.lock();
            try {
                timers.remove(this);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public int compareTo(Timer other) {
            int byDue = Long.compare(due, other.due);
            return byDue != 0 ? byDue : Long.compare(seq, other.seq);
        }

        PendingTimer view(long at) {
            return new PendingTimer(Math.max(0, due - at), due);
        }
    }
}
