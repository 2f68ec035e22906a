package dev.salvo.cli.warc;

import dev.salvo.CapturedExchange;
import org.netpreserve.jwarc.WarcRecord;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

/**
 * The WARC files of a run: {@code NAME.warc.gz}, then {@code NAME-00001.warc.gz},
 * {@code NAME-00002.warc.gz}, ... in the same directory, a new one started when the current one
 * has reached {@code maxSize} compressed bytes. Each file opens with a {@code warcinfo} record.
 *
 * <p>Every record is its own gzip member (so readers can seek to any record's offset). The members
 * of one result are written to the file in one write, with nothing kept in user space between
 * results: once {@link #write} returns, its records are with the operating system, before the
 * result's JSON record names them. jwarc formats each record ({@link WarcRecords}); the gzip
 * members are made by {@link GzipMembers}, at zlib's default level rather than jwarc's 9, reusing
 * one deflater for the whole run.
 *
 * <p>Not thread-safe: the results thread owns it.
 */
final class WarcArchive implements AutoCloseable {

    /** Where a result's final response record went. */
    record Location(String file, long offset) { }

    private final Path first;
    private final long maxSize;
    private final String software;
    private int number;
    private Path path;
    private FileChannel channel;
    /** Where the next write lands in {@code channel}: kept here rather than asked of the system. */
    private long position;
    private URI warcinfo;
    private final GzipMembers gzip = new GzipMembers();
    private final WarcRecords records = new WarcRecords();

    /**
     * @param first    the first file's path, ending in {@code .warc.gz}
     * @param number   the number of the file to write to first (0 for {@code first} itself)
     * @param append   true continues that file (it must end with a whole record), false starts it
     * @param maxSize  compressed bytes after which the next record starts a new file
     */
    WarcArchive(Path first, int number, boolean append, long maxSize, String software) throws IOException {
        this.first = first;
        this.maxSize = maxSize;
        this.software = software;
        open(number, append);
    }

    /** The file numbered {@code number} in the series that starts with {@code first}. */
    static Path numbered(Path first, int number) {
        if (number == 0) {
            return first;
        }
        String name = first.getFileName().toString();
        String stem = name.substring(0, name.length() - ".warc.gz".length());
        return first.resolveSibling(String.format(Locale.ROOT, "%s-%05d.warc.gz", stem, number));
    }

    private void open(int fileNumber, boolean append) throws IOException {
        number = fileNumber;
        path = numbered(first, fileNumber);
        channel = append
                ? FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND)
                : FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING);
        position = channel.position(); // the file's size when appending
        WarcRecord info = WarcRecords.info(path.getFileName().toString(), software);
        warcinfo = info.id();
        gzip.clear();
        add(WarcRecords.framed(info));
        flush();
    }

    /**
     * Writes the records of {@code exchanges} (response, then request, for each) and returns where
     * the last response record went, or null when there were none.
     */
    Location write(List<CapturedExchange> exchanges) throws IOException {
        Location last = null;
        gzip.clear();
        for (CapturedExchange exchange : exchanges) {
            if (position + gzip.size() >= maxSize) {
                flush();
                channel.close();
                open(number + 1, false);
            }
            List<WarcRecords.Framed> framed = records.exchange(exchange, warcinfo);
            long offset = position + add(framed.get(0));
            add(framed.get(1));
            last = new Location(path.toString(), offset);
        }
        flush();
        return last;
    }

    /** Adds {@code record} to the pending members and returns its offset among them. */
    private int add(WarcRecords.Framed record) {
        return gzip.add(record.header(), record.block(), record.compressedFrom());
    }

    /** Writes the pending members to the current file. */
    private void flush() throws IOException {
        ByteBuffer members = gzip.members();
        while (members.hasRemaining()) {
            position += channel.write(members);
        }
        gzip.clear();
    }

    /** Forces the current file to the disk. */
    void force() throws IOException {
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        gzip.close();
        channel.close();
    }
}
