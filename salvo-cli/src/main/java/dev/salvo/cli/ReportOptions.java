package dev.salvo.cli;

import dev.salvo.cli.input.UrlLineCount;
import dev.salvo.cli.report.ProgressLine;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
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
            description = "During the run, serve Prometheus metrics on 127.0.0.1, port PORT, path /metrics"
                    + " (0 picks a free port and prints it).")
    Integer metricsPort;

    /** Refuses, before the run, a report that could not be written after it and a port that cannot exist. */
    void check() {
        if (metricsPort != null && (metricsPort < 0 || metricsPort > 65535)) {
            throw new UsageException("--metrics-port must be a port from 0 to 65535 (0 picks a free one), was "
                    + metricsPort);
        }
        if (report != null) {
            Path parent = report.toAbsolutePath().getParent();
            String cannot = "cannot write the report " + report + ": ";
            if (Files.isDirectory(report)) {
                throw new UsageException(cannot + "it is a directory; name a file, such as report.html");
            }
            if (parent == null || !Files.isDirectory(parent)) {
                throw new UsageException(cannot + "the directory " + parent + " does not exist");
            }
            if (!Files.isWritable(parent) || (Files.exists(report) && !Files.isWritable(report))) {
                throw new UsageException(cannot + "permission denied");
            }
        }
    }

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
