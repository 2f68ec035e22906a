package dev.salvo.it;

import dev.salvo.FetchResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A sink that keeps every result it is given, for runs started with
 * {@link dev.salvo.Salvo#start}; the test thread waits on it with real-time bounds.
 * Thread-safe.
 */
final class Results implements Consumer<FetchResult> {

    private final List<FetchResult> received = new ArrayList<>();

    @Override
    public synchronized void accept(FetchResult result) {
        received.add(result);
        notifyAll();
    }

    /** Every result so far, in the order received. */
    synchronized List<FetchResult> all() {
        return List.copyOf(received);
    }

    /** Results so far, sorted by index. */
    synchronized List<FetchResult> byIndex() {
        List<FetchResult> sorted = new ArrayList<>(received);
        sorted.sort(Comparator.comparingLong(FetchResult::index));
        return sorted;
    }

    synchronized long count(Predicate<FetchResult> which) {
        return received.stream().filter(which).count();
    }

    /**
     * Waits, at most {@code timeout} of real time, until {@code n} results match {@code which}.
     *
     * @return whether they did in time
     */
    synchronized boolean await(Predicate<FetchResult> which, long n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count(which) < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** Predicate: the result's URL starts with {@code prefix}. */
    static Predicate<FetchResult> urlStartsWith(String prefix) {
        return r -> r.url().startsWith(prefix);
    }
}
