package dev.salvo.cli;

import dev.salvo.cli.convert.DurationConverter;
import dev.salvo.cli.output.RecordWriter;
import dev.salvo.cli.resume.CannotResume;
import dev.salvo.cli.resume.OutputScan;
import dev.salvo.cli.resume.ResumableOutput;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** The options for surviving an interruption or a crash, as a mixin, and opening the output by them. */
final class ResumeOptions {

    @Option(names = "--resume",
            description = "Continue the run that wrote --output FILE: URLs that already have a complete record there"
                    + " are skipped, the others are fetched and appended (a line torn by a crash is cut off first)."
                    + " INPUT must be the same file, as a small file beside FILE records. Without FILE, starts afresh.")
    private boolean resume;

    @Option(names = "--force-resume",
            description = "Like --resume, but skip the check that INPUT is unchanged (safe when lines were only"
                    + " appended to it, since records name URLs by their position).")
    private boolean forceResume;

    @Option(names = "--overwrite",
            description = "Replace --output FILE when it already holds records (without it, such a FILE is refused).")
    private boolean overwrite;

    @Option(names = "--sync",
            description = "Force every record to the disk (fsync) as it is written, so that even a power loss"
                    + " loses no written record (it costs throughput). Without it, records are flushed to the"
                    + " operating system at least every " + RecordWriter.FLUSH_EVERY + " records or "
                    + RecordWriter.FLUSH_INTERVAL_MILLIS + " ms: a crash leaves at most that many unwritten, a power"
                    + " loss what the system had not yet written back; --resume fetches those again.")
    private boolean sync;

    @Option(names = "--grace", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "2s",
            description = "On Ctrl-C (SIGINT) or SIGTERM: how long requests in flight may finish before they are"
                    + " cancelled (cancelled URLs get no record; --resume fetches them). Default: ${DEFAULT-VALUE}.")
    private Duration grace;

    boolean sync() {
        return sync;
    }

    Duration grace() {
        return grace;
    }

    /**
     * Refuses combinations that cannot work, and an output that would be lost, before anything is
     * opened; {@code output} is null for standard output.
     */
    void check(Path output) {
        if ((resume || forceResume) && output == null) {
            throw new UsageException("--resume needs --output FILE: records on standard output cannot be read back");
        }
        if (sync && output == null) {
            throw new UsageException("--sync needs --output FILE");
        }
        if (overwrite && (resume || forceResume)) {
            throw new UsageException("--overwrite replaces the output and --resume continues it: choose one");
        }
        if (output != null && !overwrite && !resume && !forceResume) {
            OutputChecks.notOverwritten(output);
        }
    }

    /** Opens {@code output}, fresh or resumed, and says on {@code err} what resuming found. */
    ResumableOutput open(Path output, String input, Path inputFile, PrintWriter err) {
        long start = System.nanoTime();
        ResumableOutput file;
        try {
            file = ResumableOutput.open(output, input, inputFile, resume || forceResume, forceResume);
        } catch (CannotResume e) {
            throw new UsageException(e.getMessage());
        } catch (IOException e) {
            throw new UsageException("cannot write output " + output + ": " + FetchCommand.describe(e));
        }
        OutputScan scan = file.scan();
        if (scan != null) {
            String repaired = scan.tornBytes() > 0
                    ? ", cut off a torn last line of " + scan.tornBytes() + " bytes" : "";
            String other = scan.otherLines() > 0
                    ? ", " + scan.otherLines() + " lines that are not complete records were kept and their URLs"
                            + " will be fetched again" : "";
            err.println(String.format(Locale.ROOT, "salvo fetch: resuming %s: %d URLs already done (read in %.2f s)%s%s",
                    output, file.finished().count(), (System.nanoTime() - start) / 1e9, repaired, other));
        }
        return file;
    }
}
