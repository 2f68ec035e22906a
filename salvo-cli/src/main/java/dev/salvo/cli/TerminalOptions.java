package dev.salvo.cli;

import dev.salvo.cli.report.Terminal;
import picocli.CommandLine.Option;

/** What a run says on standard error while it runs, as a mixin. */
final class TerminalOptions {

    @Option(names = "--progress", negatable = true,
            description = "Show a live progress line on standard error. Default: on when standard error is a terminal,"
                    + " unless standard output is that terminal too (records would mix into the line) or URLs are"
                    + " typed on it.")
    Boolean progress;

    @Option(names = {"-s", "--quiet"},
            description = "Say nothing on standard error but errors: no progress line, no summary.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"},
            description = "Print one line on standard error for every attempt: method, URL, attempt number, status"
                    + " or error, time taken.")
    boolean verbose;

    /** Whether to draw the live progress line. */
    boolean showProgress() {
        if (quiet) {
            return false;
        }
        return progress != null ? progress : Terminal.progressFits();
    }

    /** Refuses options that contradict each other. */
    void check() {
        if (quiet && (verbose || Boolean.TRUE.equals(progress))) {
            throw new UsageException((verbose ? "--verbose" : "--progress") + " contradicts --quiet: choose one");
        }
    }
}
