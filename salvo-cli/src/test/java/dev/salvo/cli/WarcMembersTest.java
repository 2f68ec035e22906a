package dev.salvo.cli;

import dev.salvo.CapturedExchange;
import dev.salvo.FetchResult;
import dev.salvo.cli.output.ResultSink;
import dev.salvo.cli.warc.WarcRecording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Every record is a gzip member that warcio.js (an independent reader) reads alone, from its own
 * offset, with its digests right: the archive reuses one deflater across records and stores the
 * bodies that look already compressed, so a member must not depend on what came before it.
 */
@Timeout(120)
class WarcMembersTest {

    @TempDir
    Path dir;

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    /** Responses that deflate, that are stored, and both in turn. */
    private static List<byte[]> responses() throws IOException {
        byte[] page = ascii("<html><body>" + "<p>an archived page, compressible</p>\n".repeat(200) + "</body></html>");
        byte[] noise = random(3000, 1);
        byte[] coded = gzip(random(20_000, 2));
        byte[] big = random(150_000, 3);
        return List.of(
                concat(ascii("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + page.length + "\r\n\r\n"), page),
                concat(ascii("HTTP/1.1 200 OK\r\nContent-Length: " + noise.length + "\r\n\r\n"), noise),
                concat(ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(page.length)
                        + "\r\n"), page, ascii("\r\n0\r\n\r\n")),
                concat(ascii("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + coded.length + "\r\n\r\n"),
                        coded),
                concat(ascii("HTTP/1.1 200 OK\r\nContent-Length: " + big.length + "\r\n\r\n"), big),
                concat(ascii("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"), ascii("small")),
                // Framed by the connection's close (HTTP/1.0), as is HTTP/2 without content-length.
                concat(ascii("HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n"), page),
                concat(ascii("HTTP/1.1 200 OK\r\nContent-Length: " + noise.length + "\r\n\r\n"), noise));
    }

    @Test
    void eachRecordReadsAloneFromItsOffsetWithItsDigests() throws Exception {
        String warcio = WarcReader.requireWarcio();
        Path warc = dir.resolve("crawl.warc.gz");
        List<Long> offsets = new ArrayList<>();
        ResultSink records = new ResultSink() {
            @Override
            public void write(FetchResult result, Extras extras) {
                offsets.add(extras.warcOffset());
            }

            @Override
            public void flushIfStale() {
            }

            @Override
            public void close() {
            }
        };
        ResultSink sink = WarcRecording.open(warc, 1L << 30, false, false, records, note -> { });
        List<byte[]> responses = responses();
        for (int i = 0; i < responses.size(); i++) {
            String uri = "http://127.0.0.1:8080/" + i;
            byte[] request = ascii("GET /" + i + " HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n");
            CapturedExchange exchange = new CapturedExchange(uri, "127.0.0.1", Instant.now(), request,
                    responses.get(i), false);
            sink.write(new FetchResult(i, uri, null, 200, 1, 1, 5, "x", null, uri, null, null)
                    .withExchanges(List.of(exchange)), ResultSink.Extras.NONE);
        }
        sink.close();

        byte[] file = Files.readAllBytes(warc);
        offsets.add((long) file.length);
        for (int i = 0; i < responses.size(); i++) {
            // The response's member and the request's after it, cut out of the file and read alone.
            Path alone = Files.write(dir.resolve("record-" + i + ".warc.gz"),
                    Arrays.copyOfRange(file, (int) (long) offsets.get(i), (int) (long) offsets.get(i + 1)));
            List<Map<String, Object>> read = WarcReader.records(warcio, List.of(alone));
            assertEquals(2, read.size(), "response and request of " + i + ": " + read);
            Map<String, Object> response = read.get(0);
            assertEquals("response", response.get("type"));
            assertEquals("http://127.0.0.1:8080/" + i, response.get("uri"));
            assertEquals(200L, response.get("httpStatus"));
            assertEquals(true, response.get("blockDigestOk"), "block digest of " + response);
            assertNotNull(response.get("payloadDigestOk"), "a payload digest on " + response);
            assertEquals(true, response.get("payloadDigestOk"), "payload digest of " + response);
            assertEquals("request", read.get(1).get("type"));
            assertEquals(true, read.get(1).get("blockDigestOk"), "block digest of " + read.get(1));
        }
        assertEquals(1 + 2 * responses.size(), WarcReader.records(warcio, List.of(warc)).size(), "the whole file");
    }
}
