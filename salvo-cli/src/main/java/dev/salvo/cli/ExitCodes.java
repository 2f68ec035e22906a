package dev.salvo.cli;

/** The command line's exit statuses; scripts depend on them. */
public final class ExitCodes {

    /** The run completed, whatever became of each URL. */
    public static final int OK = 0;
    /** With {@code --fail-on-error}: the run completed and at least one URL failed. */
    public static final int URL_FAILED = 1;
    /** A usage error: bad option or value, unreadable input, unwritable output. */
    public static final int USAGE = 2;
    /** The run was cut short: output or input failed mid-run, or an internal error. */
    public static final int ABORTED = 3;

    private ExitCodes() {
    }
}
