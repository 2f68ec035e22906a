package dev.salvo.cli.resume;

import dev.salvo.FinishedIndexes;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What an output file already holds, read back fast and in bounded memory: the indexes of its
 * complete records (a bitmap), where its last complete line ends, and how much follows it.
 *
 * <p>A record counts when its line starts with <code>{"index":</code>, digits and a comma, ends
 * with <code>}</code>, and is followed by a newline. Nothing else of the line is parsed, which is
 * what makes ten million records a matter of seconds. Lines that are not records (garbage after a
 * power loss, say) are counted in {@code otherLines} and their indexes stay unfinished. Bytes after
 * the last newline are a line torn by a crash ({@code tornBytes}): never a record.
 *
 * @param finished     the indexes of complete records
 * @param records      complete record lines (more than {@code finished.count()} if an index repeats)
 * @param otherLines   complete lines that are not records
 * @param completeEnd  the length of the file up to and including its last newline
 * @param tornBytes    bytes after the last newline
 */
public record OutputScan(FinishedIndexes finished, long records, long otherLines, long completeEnd, long tornBytes) {

    private static final byte[] PREFIX = "{\"index\":".getBytes(StandardCharsets.US_ASCII);
    private static final int BUFFER = 1 << 22;

    /** Scans {@code file}, which must exist. Thread-safe (stateless). */
    public static OutputScan of(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return new Scanner().scan(channel);
        }
    }

    /** A state machine over the bytes, so a line may span buffers. Not thread-safe; one per scan. */
    private static final class Scanner {
        private static final int PREFIX_STATE = 0;
        private static final int DIGITS = 1;
        private static final int REST = 2;
        private static final int OTHER = 3;

        private final FinishedIndexes finished = new FinishedIndexes();
        private long records;
        private long otherLines;
        private long completeEnd;

        private int state = PREFIX_STATE;
        private int matched;
        private long index;
        private int digits;
        private byte last;

        OutputScan scan(FileChannel channel) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
            byte[] bytes = buffer.array();
            long offset = 0;
            int n;
            while ((n = channel.read(buffer.clear())) != -1) {
                scanChunk(bytes, n, offset);
                offset += n;
            }
            return new OutputScan(finished, records, otherLines, completeEnd, offset - completeEnd);
        }

        private void scanChunk(byte[] bytes, int length, long offset) {
            int i = 0;
            while (i < length) {
                switch (state) {
                    case PREFIX_STATE -> {
                        byte b = bytes[i++];
                        if (b == '\n') {
                            endLine(offset + i, false);
                        } else if (b == PREFIX[matched]) {
                            if (++matched == PREFIX.length) {
                                state = DIGITS;
                            }
                        } else {
                            state = OTHER;
                        }
                    }
                    case DIGITS -> {
                        byte b = bytes[i++];
                        if (b >= '0' && b <= '9' && digits < 18) {
                            index = index * 10 + (b - '0');
                            digits++;
                        } else if (b == ',' && digits > 0) {
                            state = REST;
                        } else if (b == '\n') {
                            endLine(offset + i, false);
                        } else {
                            state = OTHER;
                        }
                    }
                    default -> {
                        // REST and OTHER: jump to the end of the line.
                        int newline = indexOf(bytes, i, length);
                        if (newline < 0) {
                            last = bytes[length - 1];
                            i = length;
                        } else {
                            byte before = newline > i ? bytes[newline - 1] : last;
                            i = newline + 1;
                            endLine(offset + i, state == REST && before == '}');
                        }
                    }
                }
            }
        }

        private void endLine(long end, boolean record) {
            if (record) {
                records++;
                finished.add(index);
            } else {
                otherLines++;
            }
            completeEnd = end;
            state = PREFIX_STATE;
            matched = 0;
            index = 0;
            digits = 0;
            last = 0;
        }

        private static int indexOf(byte[] bytes, int from, int to) {
            for (int i = from; i < to; i++) {
                if (bytes[i] == '\n') {
                    return i;
                }
            }
            return -1;
        }
    }
}
