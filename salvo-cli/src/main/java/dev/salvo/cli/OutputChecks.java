package dev.salvo.cli;

import dev.salvo.cli.resume.OutputScan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks made before a run writes its output, so that no run ever destroys data a person
 * cares about: the input, or the records of an earlier run. Thread-safe (stateless).
 */
final class OutputChecks {

    private OutputChecks() {
    }

    /**
     * Refuses an output that is the input, by name, through a hard or symbolic link, or as the
     * file standard input was redirected from: a fresh run would empty it before reading it.
     *
     * @param output    the output file, or null for standard output
     * @param inputFile the input file, or null
     * @param stdin     true when the input is standard input
     */
    static void notTheInput(Path output, Path inputFile, boolean stdin) {
        // Only a regular file can be destroyed: /dev/null or a pipe as both input and output is fine.
        if (output == null || !Files.isRegularFile(output)) {
            return;
        }
        Path in = inputFile != null ? inputFile : stdin ? Path.of("/dev/stdin") : null;
        if (in != null && sameFile(in, output)) {
            throw new UsageException("the output " + output + " is the input" + (inputFile == null ? " (standard input)" : "")
                    + ": writing it would destroy the URLs before they are read; choose another --output");
        }
    }

    /**
     * Refuses an existing output that holds anything, unless the run continues it or replaces it
     * on purpose; forgetting {@code --resume} after Ctrl-C must not throw a run away.
     */
    static void notOverwritten(Path output) {
        try {
            if (!Files.isRegularFile(output) || Files.size(output) == 0) {
                return;
            }
            long records = OutputScan.of(output).records();
            String holds = records > 0 ? "holds " + records + (records == 1 ? " record" : " records")
                    : "is not empty (" + Files.size(output) + " bytes, no records)";
            throw new UsageException(output + " already exists and " + holds
                    + ": continue it with --resume, or replace it with --overwrite");
        } catch (IOException e) {
            throw new UsageException("cannot read output " + output + ": " + FetchCommand.describe(e));
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException | SecurityException e) {
            return false; // /dev/stdin missing (not Linux) or unreadable: nothing to compare
        }
    }
}
