package dev.salvo.cli.report;

import java.io.PrintWriter;
import java.util.Locale;
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
 * <p>Not thread-safe: {@link #tick} and {@link #clear} must come from one thread at a time (the
 * timer, then the command after the timer stopped).
 */
public final class ProgressLine {

    /** The total, when not known (yet). */
    public static final long UNKNOWN = -1;

    private static final int RATE_WINDOW_TICKS = 4;

    private final RunStats stats;
    private final PrintWriter err;
    private final LongSupplier total;
    private final long before;
    private final long[] doneAt = new long[RATE_WINDOW_TICKS];
    private final long[] nanosAt = new long[RATE_WINDOW_TICKS];
    private int ticks;
    private int lastWidth;

    public ProgressLine(RunStats stats, PrintWriter err) {
        this(stats, err, () -> UNKNOWN, 0);
    }

    /**
     * @param total  the number of URLs in the whole input, or {@link #UNKNOWN}; asked at every tick
     * @param before URLs finished by earlier runs (when resuming)
     */
    public ProgressLine(RunStats stats, PrintWriter err, LongSupplier total, long before) {
        this.stats = stats;
        this.err = err;
        this.total = total;
        this.before = before;
    }

    /** Redraws the line. */
    public void tick() {
        RunSnapshot s = stats.snapshot();
        long now = System.nanoTime();
        int slot = ticks % RATE_WINDOW_TICKS;
        double rate = 0;
        if (ticks > 0) {
            int oldest = ticks >= RATE_WINDOW_TICKS ? slot : 0;
            double seconds = (now - nanosAt[oldest]) / 1e9;
            rate = seconds > 0 ? (s.results() - doneAt[oldest]) / seconds : 0;
        }
        doneAt[slot] = s.results();
        nanosAt[slot] = now;
        ticks++;
        draw(line(s, rate, total.getAsLong()));
    }

    String line(RunSnapshot s, double rate, long all) {
        long done = before + s.finished();
        StringBuilder line = new StringBuilder(120);
        if (all > 0) {
            line.append(done).append('/').append(all)
                    .append(String.format(Locale.ROOT, " %.0f%%", Math.min(100.0, 100.0 * done / all)));
        } else {
            line.append(done).append(" done");
        }
        line.append(String.format(Locale.ROOT, "  %.0f/s  %d ok  %d failed  %d in flight", rate, s.ok(), s.failed(),
                s.inFlight()));
        if (s.retriesWaiting() > 0) {
            line.append("  ").append(s.retriesWaiting()).append(" retrying");
        }
        if (s.openCircuits() > 0) {
            line.append("  ").append(s.openCircuits()).append(s.openCircuits() == 1 ? " circuit open" : " circuits open");
        }
        if (all > 0 && rate > 0 && done < all) {
            line.append("  ETA ").append(eta((long) Math.ceil((all - done) / rate)));
        }
        return line.toString();
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
        if (lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            err.flush();
            lastWidth = 0;
        }
    }

    private void draw(String line) {
        int pad = Math.max(0, lastWidth - line.length());
        err.print("\r" + line + " ".repeat(pad));
        err.flush();
        lastWidth = line.length();
    }
}
