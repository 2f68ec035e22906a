package dev.salvo.cli.warc;

import dev.salvo.CapturedExchange;
import dev.salvo.FetchResult;
import dev.salvo.cli.output.ResultSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The archive's offsets and its repair on resume, without a network. */
class WarcRecordingTest {

    @TempDir
    Path dir;

    private final List<ResultSink.Extras> written = new ArrayList<>();

    private final ResultSink records = new ResultSink() {
        @Override
        public void write(FetchResult result, Extras extras) {
            written.add(extras);
        }

        @Override
        public void flushIfStale() {
        }

        @Override
        public void close() {
        }
    };

    private static FetchResult result(long index) {
        String uri = "http://127.0.0.1:8080/" + index;
        byte[] request = ("GET /" + index + " HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] response = ("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello").getBytes(StandardCharsets.US_ASCII);
        CapturedExchange exchange = new CapturedExchange(uri, "127.0.0.1", Instant.now(), request, response, false);
        return new FetchResult(index, uri, null, 200, 1, 1, 5, "x", null, uri, null, null).withExchanges(
                List.of(exchange));
    }

    @Test
    void resumeCutsOffATornLastRecordAndAppendsAfterTheWholeOnes() throws IOException {
        Path warc = dir.resolve("crawl.warc.gz");
        List<String> notes = new ArrayList<>();
        ResultSink sink = WarcRecording.open(warc, 1L << 30, false, false, records, notes::add);
        sink.write(result(0), ResultSink.Extras.NONE);
        sink.write(result(1), ResultSink.Extras.NONE);
        sink.close();
        long whole = Files.size(warc);
        assertEquals(warc.toString(), written.get(1).warcFile());
        assertTrue(written.get(1).warcOffset() > written.get(0).warcOffset());

        // A crash in the middle of the next record: the first half of a real gzip member.
        byte[] all = Files.readAllBytes(warc);
        int from = (int) written.get(1).warcOffset();
        try (FileChannel channel = FileChannel.open(warc, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap(all, from, (whole - from) > 40 ? 40 : 10));
        }

        ResultSink resumed = WarcRecording.open(warc, 1L << 30, true, false, records, notes::add);
        assertEquals(List.of("cut off a torn last WARC record of 40 bytes in " + warc), notes);
        resumed.write(result(2), ResultSink.Extras.NONE);
        resumed.close();
        // The whole records are kept as they were, and the next gzip member (a new warcinfo) starts where they end.
        byte[] after = Files.readAllBytes(warc);
        assertEquals(java.util.Arrays.toString(java.util.Arrays.copyOf(all, (int) whole)),
                java.util.Arrays.toString(java.util.Arrays.copyOf(after, (int) whole)));
        assertEquals((byte) 0x1f, after[(int) whole]);
        assertEquals((byte) 0x8b, after[(int) whole + 1]);
        assertTrue(written.get(2).warcOffset() > whole, "appended after a new warcinfo record");
    }

    @Test
    void refusesAFileThatIsNotGzipPerRecord() {
        assertThrows(IllegalArgumentException.class,
                () -> WarcRecording.open(dir.resolve("crawl.warc"), 1L << 30, false, false, records, n -> { }));
    }
}
