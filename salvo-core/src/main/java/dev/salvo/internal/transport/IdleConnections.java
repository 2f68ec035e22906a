package dev.salvo.internal.transport;

import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * The idle keep-alive connections of every host together, least recently used first, capped: a
 * run over a million hosts keeps at most {@code max} idle sockets, however many hosts it has met.
 * When one more goes idle over the cap, the one idle longest is closed.
 *
 * <p>Confined to the engine's event-loop thread.
 */
final class IdleConnections {

    private final int max;
    /** Insertion order is idle-since order: a connection is added when it goes idle. */
    private final LinkedHashSet<Http1Connection> idle = new LinkedHashSet<>();

    IdleConnections(int max) {
        this.max = max;
    }

    /** Counts {@code connection} as idle; false (and nothing counted) when none may be kept at all. */
    boolean add(Http1Connection connection) {
        if (max == 0) {
            return false;
        }
        idle.add(connection);
        if (idle.size() > max) {
            Iterator<Http1Connection> oldest = idle.iterator();
            Http1Connection evicted = oldest.next();
            oldest.remove();
            evicted.close(); // its pool forgets it when the channel goes inactive
        }
        return true;
    }

    /** No longer idle: taken for a request, or closed. */
    void remove(Http1Connection connection) {
        idle.remove(connection);
    }

    /** Idle connections now, over all hosts. */
    int size() {
        return idle.size();
    }
}
