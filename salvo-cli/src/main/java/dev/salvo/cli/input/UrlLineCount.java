package dev.salvo.cli.input;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Counts the URL lines of an input file (lines that are not blank and do not start with
 * {@code #}, as {@link LineParser#isUrlLine} decides), reading bytes in big buffers without decoding
 * them, so a progress line can show a total. Only ASCII whitespace is skipped, which is exact for
 * every input but exotic ones. Thread-safe (stateless).
 */
public final class UrlLineCount {

    private UrlLineCount() {
    }

    /** The number of URL lines in {@code file}. */
    public static long of(Path file) throws IOException {
        long count = 0;
        boolean lineStart = true;   // no significant byte seen yet on this line
        boolean firstLine = true;
        int bomLeft = 3;            // a UTF-8 byte order mark at the very start is skipped
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        byte[] bytes = buffer.array();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            int n;
            while ((n = channel.read(buffer.clear())) != -1) {
                for (int i = 0; i < n; i++) {
                    byte b = bytes[i];
                    if (firstLine && bomLeft > 0 && (b & 0xff) == BOM[3 - bomLeft]) {
                        bomLeft--;
                        continue;
                    }
                    bomLeft = 0;
                    if (b == '\n') {
                        lineStart = true;
                        firstLine = false;
                    } else if (lineStart && !(b == ' ' || b == '\t' || b == '\r' || b == '\f' || b == 0x0b)) {
                        lineStart = false;
                        if (b != '#') {
                            count++;
                        }
                    }
                }
            }
        }
        return count;
    }

    private static final int[] BOM = {0xef, 0xbb, 0xbf};
}
