package dev.salvo.cli.warc;

import dev.salvo.FetchResult;
import dev.salvo.Salvo;
import dev.salvo.cli.output.ResultSink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Archives each result's exchanges in WARC files before handing the result, with where its final
 * response record went ({@code warc_file}, {@code warc_offset}), to the record sink behind it. The
 * records reach the operating system before the result's record does, so a record never names a
 * WARC record that a crash could have lost (short of a power loss; {@code --sync} covers that too).
 *
 * <p>{@link #write} comes from the results thread; {@link #close} may come from another, so both
 * hold this object's lock. {@link #flushIfStale} only passes through.
 */
public final class WarcRecording implements ResultSink {

    private final WarcArchive archive;
    private final ResultSink records;
    private final boolean sync;
    private boolean closed;

    private WarcRecording(WarcArchive archive, ResultSink records, boolean sync) {
        this.archive = archive;
        this.records = records;
        this.sync = sync;
    }

    /**
     * Opens the archive starting at {@code first} in front of {@code records}.
     *
     * @param resume true continues the last file of the series, cutting off a torn last record
     * @param notes  receives one line about what resuming repaired, if anything
     * @throws IllegalArgumentException when {@code first} does not end in {@code .warc.gz}
     */
    public static ResultSink open(Path first, long maxSize, boolean resume, boolean sync, ResultSink records,
                                  java.util.function.Consumer<String> notes) throws IOException {
        if (!first.getFileName().toString().endsWith(".warc.gz")) {
            throw new IllegalArgumentException("--warc FILE must end in .warc.gz (one gzip member per record, so"
                    + " that readers can seek), was " + first);
        }
        int last = 0;
        while (Files.exists(WarcArchive.numbered(first, last + 1))) {
            last++;
        }
        Path current = WarcArchive.numbered(first, last);
        boolean append = resume && Files.exists(current);
        if (append) {
            long size = Files.size(current);
            long end = WarcRepair.wholeRecordsEnd(current);
            if (end < size) {
                try (FileChannel channel = FileChannel.open(current, StandardOpenOption.WRITE)) {
                    channel.truncate(end);
                    channel.force(false);
                }
                notes.accept("cut off a torn last WARC record of " + (size - end) + " bytes in " + current);
            }
        }
        String software = "Salvo/" + Salvo.version();
        return new WarcRecording(new WarcArchive(first, append ? last : 0, append, maxSize, software), records, sync);
    }

    @Override
    public synchronized void write(FetchResult result, Extras extras) {
        if (closed) {
            return;
        }
        WarcArchive.Location location = null;
        if (!result.exchanges().isEmpty()) {
            try {
                location = archive.write(result.exchanges());
                if (sync) {
                    archive.force();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the WARC archive: " + e.getMessage(), e);
            }
        }
        // The record points at its final response: the last exchange, when the URL ended with one.
        if (location != null && result.status() != null) {
            extras = new Extras(extras.bodyFile(), location.file(), location.offset());
        }
        records.write(result, extras);
    }

    @Override
    public void beforeOutput(Runnable action) {
        records.beforeOutput(action);
    }

    @Override
    public void flushIfStale() {
        records.flushIfStale();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            archive.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the WARC archive: " + e.getMessage(), e);
        } finally {
            records.close();
        }
    }
}
