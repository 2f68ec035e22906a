package dev.salvo.cli.parquet;

import dev.salvo.FinishedIndexes;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.KeyValue;
import org.apache.parquet.format.Util;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads which indexes a closed part holds from its footer alone, with Parquet's own footer decoder:
 * a file ends with the footer, its length (4 bytes, little-endian) and {@code PAR1}. Reading the
 * footer rather than the {@code index} column needs no page decoding (and none of the Hadoop
 * classes Parquet's page reader pulls in), and costs one small read per part. Thread-safe (stateless).
 */
final class PartFooter {

    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    private PartFooter() {
    }

    /**
     * Adds the indexes of the part {@code file} to {@code into} and returns how many it holds.
     *
     * @throws IOException when the file is not a complete Parquet file written by Salvo
     */
    static long readIndexes(Path file, FinishedIndexes into) throws IOException {
        FileMetaData footer = read(file);
        if (footer.getKey_value_metadata() != null) {
            for (KeyValue entry : footer.getKey_value_metadata()) {
                if (IndexRanges.KEY.equals(entry.getKey())) {
                    try {
                        long count = IndexRanges.decode(entry.getValue(), into);
                        if (count != footer.getNum_rows()) {
                            throw new IOException(file + " names " + count + " indexes but holds "
                                    + footer.getNum_rows() + " rows");
                        }
                        return count;
                    } catch (IllegalArgumentException e) {
                        throw new IOException(file + " has unreadable index ranges: " + e.getMessage());
                    }
                }
            }
        }
        throw new IOException(file + " was not written by salvo (its footer has no " + IndexRanges.KEY + ")");
    }

    /** The footer of {@code file}, decoded by Parquet's own footer decoder. */
    static FileMetaData read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 12) {
                throw new IOException(file + " is too short to be a Parquet file");
            }
            ByteBuffer tail = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, tail, size - 8);
            int length = tail.getInt(0);
            for (int i = 0; i < 4; i++) {
                if (tail.get(4 + i) != MAGIC[i]) {
                    throw new IOException(file + " does not end like a Parquet file (no footer)");
                }
            }
            if (length <= 0 || length > size - 12) {
                throw new IOException(file + " has a footer length of " + length + " bytes, past its start");
            }
            ByteBuffer footer = ByteBuffer.allocate(length);
            readFully(channel, footer, size - 8 - length);
            return Util.readFileMetaData(new ByteArrayInputStream(footer.array()));
        }
    }

    static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }
}
