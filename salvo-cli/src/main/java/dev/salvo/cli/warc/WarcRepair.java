package dev.salvo.cli.warc;

import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Finds where the whole records of a WARC file end, reading it with jwarc: a crash can leave a
 * record torn in the middle of its gzip member, which {@code --resume} cuts off before appending,
 * as it cuts a torn JSON line. Thread-safe (stateless).
 */
final class WarcRepair {

    private WarcRepair() {
    }

    /** The length of {@code file} up to the end of its last whole record. */
    static long wholeRecordsEnd(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size == 0) {
                return 0;
            }
            WarcReader reader;
            try {
                reader = new WarcReader(channel);
            } catch (IOException | IllegalArgumentException e) {
                return 0; // not even one whole gzip header
            }
            try (reader) {
                while (true) {
                    Optional<WarcRecord> record;
                    try {
                        // Reading the next record first reads the previous one's body to its end.
                        record = reader.next();
                    } catch (IOException | RuntimeException e) {
                        return reader.position(); // where the torn record starts
                    }
                    if (record.isEmpty()) {
                        return size;
                    }
                }
            }
        }
    }
}
