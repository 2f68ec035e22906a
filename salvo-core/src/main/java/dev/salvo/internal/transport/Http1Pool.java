package dev.salvo.internal.transport;

import java.util.ArrayDeque;

/**
 * Idle keep-alive connections to one host (host and port). The scheduler never has more than
 * {@code perHost} requests in flight to a host, so the pool never holds more than that many
 * connections either: pool and scheduler agree by construction. Every pool also counts its idle
 * connections in one {@link IdleConnections}, which caps them over all hosts.
 *
 * <p>Confined to the engine's event-loop thread.
 */
final class Http1Pool {

    final String hostKey;
    private final int maxIdle;
    private final ArrayDeque<Http1Connection> idle = new ArrayDeque<>();
    private final IdleConnections allIdle;
    private final Runnable onEmpty;
    /** Connections open or being opened; the pool is forgotten when this reaches zero. */
    private int open;

    /** {@code onEmpty} runs when the last connection has closed, so idle hosts cost no memory. */
    Http1Pool(String hostKey, int maxIdle, IdleConnections allIdle, Runnable onEmpty) {
        this.hostKey = hostKey;
        this.maxIdle = maxIdle;
        this.allIdle = allIdle;
        this.onEmpty = onEmpty;
    }

    /** Counts a connection being opened. */
    void opening() {
        open++;
    }

    /** Counts a connection gone (closed, or never opened). */
    void closed(Http1Connection connection) {
        if (connection != null) {
            idle.remove(connection);
            allIdle.remove(connection);
        }
        if (--open <= 0) {
            onEmpty.run();
        }
    }

    /** The most recently used live idle connection, or null. Most recent first keeps few connections warm. */
    Http1Connection takeIdle() {
        Http1Connection connection;
        while ((connection = idle.pollLast()) != null) {
            allIdle.remove(connection);
            if (connection.isUsable()) {
                return connection;
            }
        }
        return null;
    }

    /** Takes back a connection whose exchange ended cleanly. */
    void release(Http1Connection connection) {
        if (idle.size() < maxIdle && allIdle.add(connection)) {
            idle.addLast(connection);
        } else {
            connection.close();
        }
    }

    /** Closes every idle connection. */
    void closeIdle() {
        Http1Connection connection;
        while ((connection = idle.pollFirst()) != null) {
            allIdle.remove(connection);
            connection.close();
        }
    }
}
