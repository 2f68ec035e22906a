package dev.salvo.cli.report;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A live one-line status on standard error, redrawn in place with a carriage return:
 * {@code 12000 done  2950/s  11890 ok  110 failed  64 in flight}. The rate is over the last second
 * or so. It reads {@link RunStats}, the listener that counts the run's events; a timer calls
 * {@link #tick} about four times a second.
 *
 * <p>Not thread-safe: {@link #tick} and {@link #clear} must come from one thread at a time (the
 * timer, then the command after the timer stopped).
 */
public final class ProgressLine {

    private static final int RATE_WINDOW_TICKS = 4;

    private final RunStats stats;
    private final PrintWriter err;
    private final long[] doneAt = new long[RATE_WINDOW_TICKS];
    private final long[] nanosAt = new long[RATE_WINDOW_TICKS];
    private int ticks;
    private int lastWidth;

    public ProgressLine(RunStats stats, PrintWriter err) {
        this.stats = stats;
        this.err = err;
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
        String line = String.format(Locale.ROOT, "%d done  %.0f/s  %d ok  %d failed  %d in flight",
                s.results(), rate, s.ok(), s.failed(), s.inFlight());
        draw(line);
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
