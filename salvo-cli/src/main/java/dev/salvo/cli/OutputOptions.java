package dev.salvo.cli;

import dev.salvo.FinishedIndexes;
import dev.salvo.cli.output.BodyStore;
import dev.salvo.cli.output.ResultSink;
import dev.salvo.cli.parquet.ParquetParts;
import dev.salvo.cli.resume.CannotResume;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The options choosing what a run writes besides (or instead of) JSON Lines, as a mixin: the
 * record format. Parquet's classes are loaded only when {@code --format parquet} is given.
 */
final class OutputOptions {

    /** Record formats. */
    enum Format { jsonl, parquet }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "jsonl",
            description = "Record format: jsonl (JSON Lines, one record per line) or parquet (typed columns,"
                    + " zstd-compressed part files in the directory --output DIR). Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--part-records", paramLabel = "N", defaultValue = "1000000",
            description = "With --format parquet: close a part file (making it readable) every N records, and at"
                    + " the end. A crash loses the open part, whose URLs --resume fetches again."
                    + " Default: ${DEFAULT-VALUE}.")
    long partRecords;

    boolean parquet() {
        return format == Format.parquet;
    }

    /** Refuses combinations that cannot work, before anything is opened. */
    void check(Path output) {
        if (parquet() && output == null) {
            throw new UsageException("--format parquet needs --output DIR: Parquet parts cannot go to standard output");
        }
        if (partRecords < 1) {
            throw new UsageException("--part-records must be at least 1, was " + partRecords);
        }
    }

    /**
     * A sink writing Parquet parts to {@code dir}, and the indexes already done there.
     *
     * @param resume true continues the parts in {@code dir}
     */
    Opened openParquet(Path dir, String input, Path inputFile, boolean resume, boolean force, boolean includeBody,
                       BodyStore bodies, PrintWriter err) {
        try {
            ParquetParts.Opened opened = ParquetParts.open(dir, input, inputFile, resume, force, partRecords,
                    includeBody, bodies);
            if (opened.resumed() != null) {
                err.println("salvo fetch: " + opened.resumed());
            }
            return new Opened(opened.sink(), opened.finished());
        } catch (CannotResume e) {
            throw new UsageException(e.getMessage());
        } catch (IOException e) {
            throw new UsageException("cannot write Parquet output to " + dir + ": " + FetchCommand.describe(e));
        }
    }

    /** An output ready for a run. */
    record Opened(ResultSink sink, FinishedIndexes finished) { }
}
