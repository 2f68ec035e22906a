package dev.salvo.cli;

import dev.salvo.ErrorType;
import dev.salvo.FetchRequest;
import dev.salvo.FetchResult;
import dev.salvo.FetchRun;
import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;
import dev.salvo.cli.output.RecordWriter;
import dev.salvo.SalvoListener;
import dev.salvo.cli.output.ResultSink;
import dev.salvo.cli.report.AttemptLog;
import dev.salvo.cli.report.FailedUrls;
import dev.salvo.cli.report.HtmlReport;
import dev.salvo.cli.report.MetricsServer;
import dev.salvo.cli.report.ProgressLine;
import dev.salvo.cli.report.RunContext;
import dev.salvo.cli.report.RunDetail;
import dev.salvo.cli.report.RunSnapshot;
import dev.salvo.cli.report.RunStats;
import dev.salvo.cli.report.Summary;
import dev.salvo.cli.report.Terminal;
import dev.salvo.cli.report.WholeOutput;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One run as the command line does it, shared by {@code fetch} and {@code demo}: counts events,
 * optionally draws the progress line, writes every record, then prints the summary.
 *
 * <p>Records of URLs cancelled by an interruption are not written: such a URL has not finished, so
 * {@code --resume} fetches it again, and the output ends with exactly one record per URL.
 *
 * <p>A daemon timer thread redraws the progress line four times a second and flushes the output
 * every {@value RecordWriter#FLUSH_INTERVAL_MILLIS} ms; it never writes records. Not thread-safe:
 * run it once, from one thread.
 */
final class FetchSession {

    private final SalvoConfig config;
    private final boolean progress;
    private final PrintWriter err;
    private Duration grace;
    private int interruptedStatus;
    private LongSupplier total = () -> ProgressLine.UNKNOWN;
    private long before;
    private Path report;
    private RunContext context = RunContext.unknown();
    private Path wholeOutput;
    private Integer metricsPort;
    private boolean quiet;
    private boolean verbose;

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

    /**
     * Makes the run stop on SIGINT or SIGTERM: no new requests, {@code grace} for those in flight,
     * then the rest is cancelled and gets no record. A second signal ends the process at once.
     */
    FetchSession interruptible(Duration grace) {
        this.grace = grace;
        return this;
    }

    /**
     * Gives the progress line a total (asked at each redraw: it may become known while running)
     * and the number of URLs finished by earlier runs, when resuming.
     */
    FetchSession progressTotal(LongSupplier total, long before) {
        this.total = total;
        this.before = before;
        return this;
    }

    /** True prints neither progress nor the summary: only warnings and errors. */
    FetchSession quiet(boolean quiet) {
        this.quiet = quiet;
        return this;
    }

    /** True prints one line for every attempt. */
    FetchSession verbose(boolean verbose) {
        this.verbose = verbose;
        return this;
    }

    /** Writes the HTML report to {@code file} after the run (null: none). */
    FetchSession report(Path file) {
        this.report = file;
        return this;
    }

    /**
     * Describes the run in the report: how it was started, and for a resumed run the output file
     * whose whole content (earlier runs and this one) the report sums up (null: a fresh run).
     */
    FetchSession reportContext(RunContext context, Path resumedOutput) {
        this.context = context;
        this.wholeOutput = resumedOutput;
        return this;
    }

    /** Serves Prometheus metrics on 127.0.0.1:{@code port} during the run (null: none). */
    FetchSession metricsPort(Integer port) {
        this.metricsPort = port;
        return this;
    }

    /** The exit status a signal asked for (130 for SIGINT, 143 for SIGTERM), or 0 when none came. */
    int interruptedStatus() {
        return interruptedStatus;
    }

    /** Fetches every request, writes its record, prints the summary and returns the final counts. */
    RunSnapshot run(Iterator<FetchRequest> requests, ResultSink writer) {
        RunStats stats = new RunStats();
        RunDetail detail = new RunDetail();
        ProgressLine line = progress && !quiet
                ? new ProgressLine(stats, err, total, before, Terminal.watchColumns()) : null;
        Consumer<String> say = line != null ? line::message : this::println;
        FailedUrls failed = new FailedUrls();
        SalvoListener listener = config.listener().andThen(stats).andThen(detail);
        if (report != null) {
            listener = listener.andThen(failed);
        }
        if (verbose) {
            listener = listener.andThen(new AttemptLog(config.method(), say));
        }
        SalvoConfig withStats = config.toBuilder().listener(listener).build();
        if (line != null && Terminal.stdoutSharesStderrTerminal()) {
            // Progress forced onto the terminal that also shows the records: erase it before each.
            writer.beforeOutput(line::clear);
        }
        MetricsServer metrics = startMetrics(stats);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "salvo-ticker");
            thread.setDaemon(true);
            return thread;
        });
        if (line != null) {
            timer.scheduleAtFixedRate(line::tick, 250, 250, TimeUnit.MILLISECONDS);
        }
        timer.scheduleAtFixedRate(writer::flushIfStale, RecordWriter.FLUSH_INTERVAL_MILLIS,
                RecordWriter.FLUSH_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        // On a signal the JVM still handles (SIGHUP, say), keep the records already made.
        Thread flushOnExit = new Thread(writer::flushIfStale, "salvo-flush-on-exit");
        Runtime.getRuntime().addShutdownHook(flushOnExit);
        long start = System.nanoTime();
        long end;
        Interrupts interrupts = null;
        // Signals are handled from before the engine starts (which can take a while on a busy
        // machine): a Ctrl-C then stops the run as soon as it exists, and still gets its message.
        StopRequest stop = new StopRequest();
        if (grace != null) {
            interrupts = Interrupts.install(
                    (signal, status) -> stopGently(stop, stats, line, say, signal),
                    (signal, status) -> stopNow(writer, line, signal, status));
        }
        try (Salvo salvo = Salvo.create(withStats)) {
            // A write failure (a closed pipe, a full disk) stops the run, and await() rethrows it.
            FetchRun run = salvo.start(requests, result -> writeUnlessCancelled(writer, result));
            stats.watch(run::snapshot);   // gauges from the engine itself
            stop.started(run, grace);
            awaitQuietly(run);
            end = System.nanoTime();
        } finally {
            if (metrics != null) {
                metrics.close();
            }
            removeHook(flushOnExit);
            if (interrupts != null) {
                interrupts.close();
                interruptedStatus = interrupts.exitStatus();
            }
            stopTimer(timer);
            if (line != null) {
                line.clear();
            }
            writer.close();
        }
        RunSnapshot snapshot = stats.snapshot();
        RunDetail.Snapshot details = detail.snapshot();
        Duration wall = Duration.ofNanos(end - start);
        List<String> summary = new java.util.ArrayList<>(Summary.lines(snapshot, wall, details));
        summary.add("salvo: network: " + Salvo.networkStackUsed());
        if (!quiet) {
            summary.forEach(err::println);
        }
        if (report != null) {
            writeReport(HtmlReport.render(snapshot, details, wall, summary, context, failed.snapshot(), whole()));
        }
        if (interruptedStatus != 0) {
            err.println("salvo: interrupted: " + Summary.plural(snapshot.cancelled(), "URL") + " in progress and the rest of the input"
                    + " got no record; run again with --resume to fetch them");
        }
        err.flush();
        return snapshot;
    }

    // Runs on a signal thread.
    private void stopGently(StopRequest stop, RunStats stats, ProgressLine line, Consumer<String> say, String signal) {
        stop.request(grace);
        if (line != null) {
            line.stopping();
        }
        say.accept("salvo: " + signal + ": sending nothing more; waiting up to " + grace.toMillis() + " ms for "
                + Summary.plural(Math.max(0, stats.snapshot().inFlight()), "request")
                + " in flight (interrupt again to quit at once)");
    }

    /**
     * A stop asked for by a signal, which may come before the run exists: the run is stopped as
     * soon as it starts. Thread-safe.
     */
    private static final class StopRequest {
        private FetchRun run;
        private boolean requested;

        synchronized void request(Duration grace) {
            requested = true;
            if (run != null) {
                run.stop(grace);
            }
        }

        synchronized void started(FetchRun run, Duration grace) {
            this.run = run;
            if (requested) {
                run.stop(grace);
            }
        }
    }

    private void println(String message) {
        synchronized (err) {
            err.println(message);
            err.flush();
        }
    }

    /** Writes out whole buffered records and halts; the output stays resumable. */
    private void stopNow(ResultSink writer, ProgressLine line, String signal, int status) {
        Thread flush = new Thread(writer::flushIfStale, "salvo-final-flush");
        flush.setDaemon(true);
        flush.start();
        try {
            flush.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String message = "salvo: " + signal + " again: quitting now; run again with --resume to fetch what is missing";
        if (line != null) {
            line.message(message);
        } else {
            println(message);
        }
        Runtime.getRuntime().halt(status);
    }

    private static void awaitQuietly(FetchRun run) {
        boolean interrupted = false;
        while (true) {
            try {
                run.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                run.cancel();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private MetricsServer startMetrics(RunStats stats) {
        if (metricsPort == null) {
            return null;
        }
        try {
            MetricsServer server = MetricsServer.start(metricsPort, stats);
            err.println("salvo: metrics at http://127.0.0.1:" + server.port() + "/metrics during the run");
            return server;
        } catch (IOException e) {
            throw new UsageException("cannot serve metrics on 127.0.0.1:" + metricsPort + ": " + e.getMessage()
                    + " (choose another --metrics-port)");
        }
    }

    private void writeReport(String html) {
        try {
            Files.writeString(report, html, StandardCharsets.UTF_8);
            if (!quiet) {
                err.println("salvo: report written to " + report);
            }
        } catch (IOException e) {
            err.println("salvo: cannot write the report " + report + ": " + FetchCommand.describe(e));
        }
    }

    /** What the whole resumed output holds, after this run was appended to it; null when not resumed or unreadable. */
    private WholeOutput whole() {
        if (wholeOutput == null) {
            return null;
        }
        try {
            return WholeOutput.read(wholeOutput);
        } catch (IOException e) {
            err.println("salvo: cannot read " + wholeOutput + " back for the report: " + FetchCommand.describe(e));
            return null;
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook runs.
        }
    }

    private static void stopTimer(ScheduledExecutorService timer) {
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Cancelled URLs get no record, so that {@code --resume} fetches them and the output still
     * ends with exactly one record per URL.
     */
    private static void writeUnlessCancelled(ResultSink writer, FetchResult result) {
        if (result.error() == null || result.error().type() != ErrorType.CANCELLED) {
            writer.write(result, ResultSink.Extras.NONE);
        }
    }
}
