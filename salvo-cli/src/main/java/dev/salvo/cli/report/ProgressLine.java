package dev.salvo.cli.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * A live one-line status on standard error, redrawn in place with a carriage return:
 * <pre>
 * 12000/50000 24%  2950/s  11890 ok  110 failed  64 in flight  3 retrying  1 circuit open  ETA 12s
 * </pre>
 * The rate is over the last second or so. {@code done} counts URLs with a record, those finished by
 * an earlier run that is being resumed included; the total (and so the percentage and ETA) shows
 * once it is known. It reads {@link RunStats}, the listener that counts the run's events; a timer
 * calls {@link #tick} about four times a second.
 *
 * <p>The line never wraps: it is cut to the terminal's width, dropping its least useful parts
 * first, since a wrapped line cannot be redrawn in place. Anything else printed on standard error
 * during the run goes through {@link #message}, which clears the line first, so no message is ever
 * glued to it. After {@link #stopping()} the line shows that the run is winding down instead of a
 * rate and an ETA that no longer mean anything.
 *
 * <p>Thread-safe: drawing, clearing and messages are serialised on {@code err}.
 */
public final class ProgressLine {

    /** The total, when not known (yet). */
    public static final long UNKNOWN = -1;

    private static final int RATE_WINDOW_TICKS = 4;
    /** ANSI "erase in line": from the cursor to the end of the line. */
    static final String ERASE_TO_END = "\u001b[K";

    private final RunStats stats;
    private final PrintWriter err;
    private final LongSupplier total;
    private final long before;
    private final IntSupplier columns;
    private final long[] doneAt = new long[RATE_WINDOW_TICKS];
    private final long[] nanosAt = new long[RATE_WINDOW_TICKS];
    private int ticks;
    private boolean drawn;
    private volatile boolean stopping;

    public ProgressLine(RunStats stats, PrintWriter err) {
        this(stats, err, () -> UNKNOWN, 0, () -> Terminal.DEFAULT_COLUMNS);
    }

    /**
     * @param total   the number of URLs in the whole input, or {@link #UNKNOWN}; asked at every tick
     * @param before  URLs finished by earlier runs (when resuming)
     * @param columns the terminal's width; asked at every tick, so it must be cheap
     */
    public ProgressLine(RunStats stats, PrintWriter err, LongSupplier total, long before, IntSupplier columns) {
        this.stats = stats;
        this.err = err;
        this.total = total;
        this.before = before;
        this.columns = columns;
    }

    /** Redraws the line. */
    public void tick() {
        synchronized (err) {
            RunSnapshot s = stats.snapshot();
            long now = System.nanoTime();
            int slot = ticks % RATE_WINDOW_TICKS;
            double rate = 0;
            if (ticks > 0) {
                int oldest = ticks >= RATE_WINDOW_TICKS ? slot : 0;
                double seconds = (now - nanosAt[oldest]) / 1e9;
                // finished(), not results(): URLs cancelled by Ctrl-C are not progress.
                rate = seconds > 0 ? (s.finished() - doneAt[oldest]) / seconds : 0;
            }
            doneAt[slot] = s.finished();
            nanosAt[slot] = now;
            ticks++;
            draw(fit(parts(s, rate, total.getAsLong()), columns.getAsInt() - 1));
        }
    }

    /** From now on the run is stopping (after Ctrl-C): no rate, no ETA. */
    public void stopping() {
        stopping = true;
    }

    /** Clears the line, prints {@code message} on a line of its own; the next tick redraws the line. */
    public void message(String message) {
        synchronized (err) {
            // Erase even when no line is drawn: the terminal may have echoed "^C" where the
            // message would start.
            err.print("\r" + ERASE_TO_END);
            drawn = false;
            err.println(message);
            err.flush();
        }
    }

    String line(RunSnapshot s, double rate, long all) {
        return String.join("  ", parts(s, rate, all));
    }

    /** The parts of the line, most useful first. */
    List<String> parts(RunSnapshot s, double rate, long all) {
        long done = before + s.finished();
        List<String> parts = new ArrayList<>();
        if (all > 0) {
            parts.add(done + "/" + all + String.format(Locale.ROOT, " %.0f%%", Math.min(100.0, 100.0 * done / all)));
        } else {
            parts.add(done + " done");
        }
        if (stopping) {
            parts.add("stopping: waiting for " + Math.max(0, s.inFlight()) + " in flight (Ctrl-C again to quit)");
        } else {
            parts.add(String.format(Locale.ROOT, "%.0f/s", rate));
        }
        parts.add(s.ok() + " ok");
        parts.add(s.failed() + " failed");
        if (!stopping) {
            parts.add(Math.max(0, s.inFlight()) + " in flight");
        }
        if (s.retriesWaiting() > 0) {
            parts.add(s.retriesWaiting() + " retrying");
        }
        if (s.openCircuits() > 0) {
            parts.add(s.openCircuits() + (s.openCircuits() == 1 ? " circuit open" : " circuits open"));
        }
        if (!stopping && all > 0 && rate > 0 && done < all) {
            parts.add("ETA " + eta((long) Math.ceil((all - done) / rate)));
        }
        return parts;
    }

    /**
     * The parts that fit in {@code width} columns, joined: the ETA is kept before the less useful
     * counts, and a first part longer than the width is cut.
     */
    static String fit(List<String> parts, int width) {
        width = Math.max(width, 1);
        List<String> kept = new ArrayList<>(parts);
        String eta = kept.size() > 1 && kept.getLast().startsWith("ETA ") ? kept.removeLast() : null;
        while (true) {
            List<String> candidate = new ArrayList<>(kept);
            if (eta != null) {
                candidate.add(Math.min(2, candidate.size()), eta);
            }
            String line = String.join("  ", candidate);
            if (line.length() <= width || kept.size() <= 1) {
                return line.length() <= width ? line : line.substring(0, width);
            }
            kept.removeLast();
        }
    }

    static String eta(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
    }

    /** Removes the line, leaving the cursor at the start of an empty line. */
    public void clear() {
        synchronized (err) {
            if (drawn) {
                err.print("\r" + ERASE_TO_END);
                err.flush();
                drawn = false;
            }
        }
    }

    // Erasing to the end of the line, rather than padding with spaces, cannot wrap when the
    // terminal was made narrower than the previous line.
    private void draw(String line) {
        err.print("\r" + line + ERASE_TO_END);
        err.flush();
        drawn = true;
    }
}
