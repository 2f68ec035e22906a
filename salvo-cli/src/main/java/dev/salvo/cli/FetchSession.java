package dev.salvo.cli;

import dev.salvo.FetchRequest;
import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;
import dev.salvo.cli.output.RecordWriter;
import dev.salvo.cli.report.ProgressLine;
import dev.salvo.cli.report.RunSnapshot;
import dev.salvo.cli.report.RunStats;
import dev.salvo.cli.report.Summary;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One run as the command line does it, shared by {@code fetch} and {@code demo}: counts events,
 * optionally draws the progress line, writes every record, then prints the summary.
 *
 * <p>A daemon timer thread redraws the progress line four times a second and flushes the output
 * once a second; it never writes records. Not thread-safe: run it once, from one thread.
 */
final class FetchSession {

    private final SalvoConfig config;
    private final boolean progress;
    private final PrintWriter err;

    /**
     * @param config   the engine configuration, without a listener of its own
     * @param progress true draws the live progress line on {@code err}
     * @param err      where progress and the summary go
     */
    FetchSession(SalvoConfig config, boolean progress, PrintWriter err) {
        this.config = config;
        this.progress = progress;
        this.err = err;
    }

    /** Fetches every request, writes its record, prints the summary and returns the final counts. */
    RunSnapshot run(Iterator<FetchRequest> requests, RecordWriter writer) {
        RunStats stats = new RunStats();
        SalvoConfig withStats = config.toBuilder().listener(config.listener().andThen(stats)).build();
        ProgressLine line = progress ? new ProgressLine(stats, err) : null;
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "salvo-ticker");
            thread.setDaemon(true);
            return thread;
        });
        if (line != null) {
            timer.scheduleAtFixedRate(line::tick, 250, 250, TimeUnit.MILLISECONDS);
        }
        timer.scheduleAtFixedRate(writer::flushIfStale, 1, 1, TimeUnit.SECONDS);
        long start = System.nanoTime();
        long end;
        try (Salvo salvo = Salvo.create(withStats)) {
            salvo.fetch(requests, writer::write);
            end = System.nanoTime();
        } finally {
            stopTimer(timer);
            if (line != null) {
                line.clear();
            }
            writer.close();
        }
        RunSnapshot snapshot = stats.snapshot();
        Summary.lines(snapshot, Duration.ofNanos(end - start)).forEach(err::println);
        err.flush();
        return snapshot;
    }

    private static void stopTimer(ScheduledExecutorService timer) {
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
