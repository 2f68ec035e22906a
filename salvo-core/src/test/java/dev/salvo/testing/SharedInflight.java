package dev.salvo.testing;

import java.time.Duration;

/**
 * A gauge of requests in flight: the current number and the highest number seen (the peak).
 *
 * <p>Every {@link MisbehavingServer} has its own gauge; a test can also pass one instance to
 * several servers (several loopback "hosts") to prove a cap on in-flight requests across hosts.
 *
 * <p>A request is in flight from the moment the server has read it until just before the last
 * byte of its response is written. Ending the count just <em>before</em> the last byte matters:
 * a client cannot see its response complete, and so cannot start the request that replaces it,
 * until after the gauge has dropped. The peak therefore never exceeds the client's true
 * concurrency, and a test asserting {@code peak() <= cap} cannot fail spuriously.
 *
 * <p>Thread-safe.
 */
public final class SharedInflight {

    private int current;
    private int peak;

    /** Counts one more request in flight. */
    synchronized void enter() {
        current++;
        peak = Math.max(peak, current);
        notifyAll();
    }

    /** Counts one request less in flight. */
    synchronized void exit() {
        current--;
        notifyAll();
    }

    /** Returns the number of requests in flight now. */
    public synchronized int current() {
        return current;
    }

    /** Returns the highest number of requests that were in flight at once since the last reset. */
    public synchronized int peak() {
        return peak;
    }

    /**
     * Resets the peak to the current number in flight (not to zero: requests still in flight
     * still count).
     */
    public synchronized void resetPeak() {
        peak = current;
    }

    /**
     * Waits, at most {@code timeout} of real time, until at least {@code n} requests are in
     * flight at once. Lets a test hold the server busy and then look, without sleeping.
     *
     * @return whether {@code n} was reached in time
     */
    public synchronized boolean awaitCurrent(int n, Duration timeout) throws InterruptedException {
        return await(true, n, timeout);
    }

    /**
     * Waits, at most {@code timeout} of real time, until no request is in flight: for example
     * until the server has noticed that a client hung up mid-body.
     *
     * @return whether it became idle in time
     */
    public synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        return await(false, 0, timeout);
    }

    /** Caller holds the monitor. */
    private boolean await(boolean atLeast, int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (atLeast ? current < n : current > n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    @Override
    public synchronized String toString() {
        return "in flight " + current + ", peak " + peak;
    }
}
