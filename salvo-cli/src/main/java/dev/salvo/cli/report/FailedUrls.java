package dev.salvo.cli.report;

import dev.salvo.ErrorType;
import dev.salvo.FetchResult;
import dev.salvo.SalvoEvent;
import dev.salvo.SalvoListener;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the first {@value #KEPT} failed URLs of a run, with their error and status, for the
 * report's table, and counts the rest. Memory stays bounded however many fail.
 *
 * <p>Thread-safe: {@link #onEvent} (the engine thread) and {@link #snapshot} share one lock.
 */
public final class FailedUrls implements SalvoListener {

    /** How many failed URLs the report lists. */
    public static final int KEPT = 1_000;

    private final List<Failure> kept = new ArrayList<>();
    private long total;

    @Override
    public void onEvent(SalvoEvent event) {
        if (!(event instanceof SalvoEvent.ResultProduced produced)) {
            return;
        }
        FetchResult r = produced.result();
        if (r.ok() || r.error() == null || r.error().type() == ErrorType.CANCELLED) {
            return;
        }
        synchronized (this) {
            total++;
            if (kept.size() < KEPT) {
                kept.add(new Failure(r.index(), r.url(), r.status(), r.error().type().wireName(), r.error().message()));
            }
        }
    }

    /** The failures kept so far, and how many there were in all. */
    public synchronized Snapshot snapshot() {
        return new Snapshot(List.copyOf(kept), total);
    }

    /** One failed URL; {@code status} is null when no response came. */
    public record Failure(long index, String url, Integer status, String error, String message) { }

    /** The first failures in completion order and the total number of failed URLs. */
    public record Snapshot(List<Failure> first, long total) { }
}
