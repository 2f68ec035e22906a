package dev.salvo.cli.parquet;

import dev.salvo.FetchResult;
import dev.salvo.FinishedIndexes;
import dev.salvo.cli.output.BodyStore;
import dev.salvo.cli.output.ResultSink;
import dev.salvo.cli.resume.CannotResume;
import dev.salvo.cli.resume.InputFingerprint;
import dev.salvo.cli.resume.ResumableOutput;
import dev.salvo.cli.resume.ResumeRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Results as Parquet part files in one directory: {@code part-00000.parquet},
 * {@code part-00001.parquet}, ... Each part is closed (its footer written, the file forced to the
 * disk and renamed from {@code .inprogress}) after {@code partRecords} records and at the end, so
 * every part with a final name can be read while the run goes on.
 *
 * <p>Resuming: closed parts count as done (their indexes are read from their footers); an
 * in-progress part left by a crash is deleted, and its URLs fetched again into new parts. So after
 * any crash and resume, every input index is in exactly one closed part.
 *
 * <p>{@link #write} is called from the results thread; {@link #close} and {@link #flushIfStale}
 * may come from others, so all three hold this object's lock. A Parquet file cannot be flushed
 * half-written: {@link #flushIfStale} does nothing, and a crash loses the open part's records
 * (at most {@code partRecords}), which {@code --resume} fetches again.
 */
public final class ParquetParts implements ResultSink {

    private static final Pattern PART = Pattern.compile("part-(\\d{5,})\\.parquet");
    private static final String IN_PROGRESS = ".inprogress";

    private final Path dir;
    private final long partRecords;
    private final boolean includeBody;
    private final BodyStore bodies;
    private int nextPart;
    private PartWriter open;
    private boolean closed;

    private ParquetParts(Path dir, int nextPart, long partRecords, boolean includeBody, BodyStore bodies) {
        this.dir = dir;
        this.nextPart = nextPart;
        this.partRecords = partRecords;
        this.includeBody = includeBody;
        this.bodies = bodies;
    }

    /**
     * What opening the directory found, and the sink that writes to it.
     *
     * @param sink      writes the run's results as parts
     * @param finished  indexes already in closed parts (empty for a fresh run)
     * @param resumed   one line saying what resuming found, or null for a fresh run
     */
    public record Opened(ResultSink sink, FinishedIndexes finished, String resumed) { }

    /**
     * Opens {@code dir} for a run, fresh or resumed. A fresh run refuses a directory that already
     * holds parts, so two runs never mix.
     *
     * @param input     the input as given, for messages
     * @param inputFile the input file, or null for standard input
     * @throws CannotResume when resuming is refused or the directory is in the way
     */
    public static Opened open(Path dir, String input, Path inputFile, boolean resume, boolean force,
                              long partRecords, boolean includeBody, BodyStore bodies) throws IOException {
        long start = System.nanoTime();
        InputFingerprint fingerprint = inputFile == null ? null : InputFingerprint.of(inputFile);
        ResumeRecord current = new ResumeRecord(input, fingerprint);
        boolean resuming = resume && Files.isDirectory(dir);
        if (resuming && !force) {
            ResumableOutput.check(dir, input, ResumeRecord.read(dir), fingerprint);
        }
        Files.createDirectories(dir);
        FinishedIndexes finished = new FinishedIndexes();
        int parts = 0;
        int highest = -1;
        long removedBytes = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                Matcher part = PART.matcher(name.endsWith(IN_PROGRESS)
                        ? name.substring(0, name.length() - IN_PROGRESS.length()) : name);
                if (!part.matches()) {
                    continue;
                }
                if (!resuming) {
                    throw new CannotResume("cannot write parts to " + dir + ": it already holds parts of a run ("
                            + name + "); pass --resume to continue that run, or choose another directory");
                }
                highest = Math.max(highest, Integer.parseInt(part.group(1)));
                if (name.endsWith(IN_PROGRESS)) {
                    // A part the crash cut short: its URLs are fetched again.
                    removedBytes += Files.size(file);
                    Files.delete(file);
                } else {
                    PartFooter.readIndexes(file, finished);
                    parts++;
                }
            }
        }
        current.write(dir);
        String resumed = !resuming ? null : String.format(Locale.ROOT,
                "resuming %s: %d URLs already done in %d parts (read in %.2f s)%s", dir, finished.count(), parts,
                (System.nanoTime() - start) / 1e9, removedBytes == 0 ? ""
                        : ", removed an unfinished part of " + removedBytes + " bytes whose URLs will be fetched again");
        ParquetParts sink = new ParquetParts(dir, highest + 1, partRecords, includeBody, bodies);
        return new Opened(sink, finished, resumed);
    }

    @Override
    public synchronized void write(FetchResult result, Extras extras) {
        if (closed) {
            return; // a signal ended the run while results were still arriving
        }
        if (bodies != null) {
            extras = extras.withBodyFile(bodies.save(result));
        }
        try {
            if (open == null) {
                String name = String.format(Locale.ROOT, "part-%05d.parquet", nextPart++);
                open = new PartWriter(dir.resolve(name + IN_PROGRESS), dir.resolve(name), includeBody);
            }
            open.write(result, extras);
            if (open.count() >= partRecords) {
                closePart();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Parquet output in " + dir + ": " + e.getMessage(), e);
        }
    }

    private void closePart() throws IOException {
        PartWriter part = open;
        open = null;
        part.close();
    }

    @Override
    public void flushIfStale() {
        // Parquet cannot be flushed half-written; closed parts are already on the disk.
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (open != null) {
            try {
                closePart();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write Parquet output in " + dir + ": " + e.getMessage(), e);
            }
        }
    }
}
