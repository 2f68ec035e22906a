package dev.salvo.cli.report;

import dev.salvo.SalvoEvent;
import dev.salvo.SalvoListener;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each host's current in-flight limit under {@code --adaptive}, from the engine's
 * {@link SalvoEvent.HostLimitChanged} events, keyed by the engine's host key
 * ({@code example.com:443}). Limits are kept for the first {@value #MAX_HOSTS} hosts; later
 * hosts are not tracked, so memory stays bounded on a crawl over millions of hosts.
 *
 * <p>Thread-safe: {@link #onEvent} runs on the engine thread, {@link #first} on any.
 */
public final class HostLimits implements SalvoListener {

    static final int MAX_HOSTS = 100_000;

    private final Map<String, Integer> limits = new ConcurrentHashMap<>();

    @Override
    public void onEvent(SalvoEvent event) {
        if (event instanceof SalvoEvent.HostLimitChanged changed
                && (limits.size() < MAX_HOSTS || limits.containsKey(changed.host()))) {
            limits.put(changed.host(), changed.limit());
        }
    }

    /** The limit last set for {@code hostKey}, or null when none is known. */
    public Integer of(String hostKey) {
        return hostKey == null ? null : limits.get(hostKey);
    }

    /** The limits of at most {@code n} hosts, by host key in order. */
    public Map<String, Integer> first(int n) {
        TreeMap<String, Integer> sorted = new TreeMap<>(limits);
        while (sorted.size() > n) {
            sorted.pollLastEntry();
        }
        return sorted;
    }
}
