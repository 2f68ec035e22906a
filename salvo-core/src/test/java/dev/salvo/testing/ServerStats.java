package dev.salvo.testing;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one {@link MisbehavingServer} has seen: requests (counted exactly, and the most recent
 * ones kept whole), requests per path, TCP connections accepted, and requests in flight.
 *
 * <p>Only the most recent {@code retain} requests are kept, so a test that sends millions of
 * requests does not fill the heap; the counters stay exact regardless.
 *
 * <p>Thread-safe: connection threads record, the test thread reads.
 */
final class ServerStats {

    private final SharedInflight inflight = new SharedInflight();
    private final SharedInflight shared;   // null unless the test shares a gauge across servers
    private final int retain;

    // Guarded by this.
    private long requests;
    private int connections;
    private final Map<String, Integer> perPath = new HashMap<>();
    private final ArrayDeque<RecordedRequest> recent = new ArrayDeque<>();

    ServerStats(SharedInflight shared, int retain) {
        this.shared = shared;
        this.retain = retain;
    }

    synchronized void connectionAccepted() {
        connections++;
    }

    /** Records a request that has just been read, and counts it in flight. */
    void requestStarted(RecordedRequest request) {
        synchronized (this) {
            requests++;
            perPath.merge(request.path(), 1, Integer::sum);
            if (recent.size() == retain) {
                recent.removeFirst();
            }
            recent.addLast(request);
            notifyAll();
        }
        inflight.enter();
        if (shared != null) {
            shared.enter();
        }
    }

    /** Counts a request out of flight; see {@link SharedInflight} for exactly when. */
    void requestFinished() {
        inflight.exit();
        if (shared != null) {
            shared.exit();
        }
    }

    synchronized long requestCount() {
        return requests;
    }

    synchronized int requestCount(String path) {
        return perPath.getOrDefault(path, 0);
    }

    synchronized int connectionCount() {
        return connections;
    }

    synchronized List<RecordedRequest> recentRequests() {
        return List.copyOf(recent);
    }

    SharedInflight inflight() {
        return inflight;
    }

    /** Clears counters and recorded requests; requests in flight stay counted as in flight. */
    synchronized void reset() {
        requests = 0;
        connections = 0;
        perPath.clear();
        recent.clear();
        inflight.resetPeak();
    }

    synchronized boolean awaitRequestCount(long n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (requests < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
