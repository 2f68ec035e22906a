package dev.salvo.cli;

import dev.salvo.FinishedIndexes;
import dev.salvo.cli.output.BodyStore;
import dev.salvo.cli.output.ResultSink;
import dev.salvo.cli.parquet.ParquetParts;
import dev.salvo.cli.refresh.PreviousRun;
import dev.salvo.cli.refresh.Refresh;
import dev.salvo.cli.resume.CannotResume;
import dev.salvo.cli.warc.WarcRecording;
import dev.salvo.cli.convert.SizeConverter;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The options choosing what a run writes besides (or instead of) JSON Lines, as a mixin: the
 * record format and the WARC archive. Parquet's and jwarc's classes are loaded only when
 * {@code --format parquet} or {@code --warc} is given.
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

    @Option(names = "--warc", paramLabel = "FILE.warc.gz",
            description = "Also archive every exchange in a WARC 1.1 file (gzip per record): a request and a response"
                    + " record per response received, with the raw bytes as sent and received, digests and the"
                    + " peer's address. Records gain warc_file and warc_offset. HTTP/2 exchanges are recorded as"
                    + " HTTP/1.1-style messages marked WARC-Protocol: h2 (h2c without TLS), as web archivers do.")
    Path warc;

    @Option(names = "--warc-max-size", paramLabel = "SIZE", converter = SizeConverter.class, defaultValue = "1GiB",
            description = "With --warc: once the current file has SIZE compressed bytes, go on in the next numbered"
                    + " file (NAME-00001, NAME-00002, ... with the same .warc.gz ending). Default: ${DEFAULT-VALUE}.")
    long warcMaxSize;

    @Option(names = "--since", paramLabel = "PREVIOUS",
            description = "Refresh an earlier run: PREVIOUS is its JSON Lines output, or its Parquet output"
                    + " directory (--format parquet). URLs that had an ETag or"
                    + " Last-Modified are requested with If-None-Match / If-Modified-Since; a 304 Not Modified gives a"
                    + " record with ok true, status 304, \"unchanged\": true and the earlier sha256 and bytes.")
    Path since;

    boolean parquet() {
        return format == Format.parquet;
    }

    /** Refuses combinations that cannot work, before anything is opened. */
    void check(Path output) {
        if (parquet() && output == null) {
            throw new UsageException("--format parquet needs --output DIR: Parquet parts cannot go to standard output");
        }
        if (warc != null && !warc.getFileName().toString().endsWith(".warc.gz")) {
            throw new UsageException("--warc " + warc + ": the file name must end in .warc.gz");
        }
        if (warcMaxSize < 1) {
            throw new UsageException("--warc-max-size must be more than 0");
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

    /**
     * Puts the WARC archive, when asked for, in front of {@code opened}'s sink.
     *
     * @param resume true continues the archive (its torn last record cut off)
     */
    Opened withWarc(Opened opened, boolean resume, boolean sync, PrintWriter err) {
        if (warc == null) {
            return opened;
        }
        try {
            ResultSink sink = WarcRecording.open(warc, warcMaxSize, resume, sync, opened.sink(),
                    note -> err.println("salvo fetch: " + note));
            return new Opened(sink, opened.finished());
        } catch (IOException e) {
            opened.sink().close();
            throw new UsageException("cannot write the WARC archive " + warc + ": " + FetchCommand.describe(e));
        }
    }

    /** The refresh {@code --since} asks for, or null; says on {@code err} how many URLs it covers. */
    Refresh openSince(PrintWriter err) {
        if (since == null) {
            return null;
        }
        boolean parquet = Files.isDirectory(since) || since.getFileName().toString().endsWith(".parquet");
        try {
            long start = System.nanoTime();
            PreviousRun previous = parquet ? PreviousRun.readParquet(since) : PreviousRun.readJsonLines(since);
            err.println(String.format(Locale.ROOT, "salvo fetch: --since %s: %d of its %d records can be refreshed"
                    + " (read in %.2f s)", since, previous.size(), previous.lines(), (System.nanoTime() - start) / 1e9));
            return new Refresh(previous);
        } catch (IOException e) {
            throw new UsageException("cannot read --since " + since + ": " + FetchCommand.describe(e));
        }
    }

    /** Puts the refresh, when there is one, in front of {@code opened}'s sink. */
    static Opened withRefresh(Opened opened, Refresh refresh) {
        return refresh == null ? opened : new Opened(refresh.sink(opened.sink()), opened.finished());
    }

    /** An output ready for a run. */
    record Opened(ResultSink sink, FinishedIndexes finished) { }
}
