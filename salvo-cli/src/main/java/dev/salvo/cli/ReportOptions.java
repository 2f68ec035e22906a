package dev.salvo.cli;

import dev.salvo.cli.input.UrlLineCount;
import dev.salvo.cli.report.ProgressLine;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** The options for watching a run and reporting on it, as a mixin. */
final class ReportOptions {

    @Option(names = "--report", paramLabel = "FILE.html",
            description = "After the run, write a self-contained HTML report (no network needed to view it):"
                    + " summary, throughput and errors over time, latency distribution, outcomes by host.")
    Path report;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "During the run, serve Prometheus metrics at http://127.0.0.1:PORT/metrics"
                    + " (0 picks a free port and prints it).")
    Integer metricsPort;

    /**
     * The number of URL lines in {@code inputFile}, counted on a daemon thread so the run starts at
     * once: {@link ProgressLine#UNKNOWN} until counted, and for standard input.
     */
    static LongSupplier countInBackground(Path inputFile) {
        AtomicLong total = new AtomicLong(ProgressLine.UNKNOWN);
        if (inputFile != null) {
            Thread counter = new Thread(() -> {
                try {
                    total.set(UrlLineCount.of(inputFile));
                } catch (IOException e) {
                    // No total, then: the progress line shows a count without a percentage.
                }
            }, "salvo-count-input");
            counter.setDaemon(true);
            counter.setPriority(Thread.MIN_PRIORITY);
            counter.start();
        }
        return total::get;
    }
}
