package dev.salvo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import dev.salvo.ErrorType;
import dev.salvo.FetchError;
import dev.salvo.FetchResult;
import dev.salvo.cli.output.RecordFormat;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Records that answer the next question, through the command line: {@code --compressed} with
 * {@code wire_bytes}, {@code --include-headers}, {@code redirects}, and {@code --include-body} in
 * the body's charset or base64.
 */
@Timeout(60)
class RecordFieldsTest {

    private static RecordingServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws IOException {
        server = new RecordingServer();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private List<Map<String, Object>> fetch(List<String> paths, String... args) throws IOException {
        List<String> lines = paths.stream().map(p -> server.base() + p).toList();
        Path in = Files.write(dir.resolve("urls.txt"), lines);
        Path out = dir.resolve("out.jsonl");
        Files.deleteIfExists(out);
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setErr(new PrintWriter(err, true));
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        List<String> all = new ArrayList<>(List.of("fetch", "--no-progress", "--ordered", "-o", out.toString()));
        all.addAll(List.of(args));
        all.add(in.toString());
        assertEquals(0, cmd.execute(all.toArray(String[]::new)), err.toString());
        return Records.parse(Files.readString(out));
    }

    @Test
    void compressedDecodesAndCountsWhatCameOverTheWire() throws IOException {
        Map<String, Object> decoded = fetch(List.of("/gzip/page"), "--compressed", "--include-body").get(0);
        Map<String, Object> raw = fetch(List.of("/gzip/page")).get(0);

        assertEquals("got /gzip/page", decoded.get("body"));
        assertEquals((long) "got /gzip/page".length(), decoded.get("bytes"));
        assertEquals(raw.get("bytes"), decoded.get("wire_bytes"), "wire_bytes is the gzip as sent");
        assertEquals(List.of("index", "url", "status", "ok", "attempts", "elapsed_ms", "bytes", "wire_bytes"),
                new ArrayList<>(decoded.keySet()).subList(0, 8));
        assertFalse(raw.containsKey("wire_bytes"), "without --compressed nothing changes");
        assertTrue(server.received("/gzip/page").get(0).header("Accept-Encoding").startsWith("gzip, deflate"));
        assertEquals(null, server.received("/gzip/page").get(1).header("Accept-Encoding"));
    }

    @Test
    void headersAndTheRedirectChainAreInTheRecord() throws IOException {
        List<Map<String, Object>> records = fetch(List.of("/moved/a", "/got/b"), "--include-headers");
        Map<String, Object> followed = records.get(0);
        Map<String, Object> notFollowed = fetch(List.of("/moved/c"), "--include-headers", "--max-redirects", "0")
                .get(0);

        @SuppressWarnings("unchecked")
        List<Object> chain = (List<Object>) followed.get("redirects");
        assertEquals(List.of(Map.of("url", server.base() + "/moved/a", "status", 302L)), chain);
        assertFalse(records.get(1).containsKey("redirects"), "only when a redirect was followed");
        assertEquals("text/plain", header(followed, "content-type"));
        assertEquals(List.of("a=1", "b=2"), header(notFollowed, "set-cookie"), "a repeated name is an array");
        assertEquals("/got/c", header(notFollowed, "location"));
        List<String> keys = new ArrayList<>(followed.keySet());
        assertEquals(List.of("final_url", "redirects", "error", "headers"), keys.subList(keys.size() - 4, keys.size()));
    }

    @Test
    void bodiesAreTextInTheirCharsetOrBase64() throws IOException {
        List<Map<String, Object>> text = fetch(List.of("/latin1/x", "/binary/y"), "--include-body");
        List<Map<String, Object>> base64 = fetch(List.of("/latin1/x", "/binary/y"), "--include-body",
                "--body-encoding", "base64");

        assertEquals("café", text.get(0).get("body"), "ISO-8859-1 as its Content-Type says");
        assertEquals("Y2Fm6Q==", base64.get(0).get("body"));
        assertEquals("AP8B", base64.get(1).get("body"));
    }

    @Test
    void timingsAreInTheRecordWhenAsked() throws IOException {
        Map<String, Object> timed = fetch(List.of("/got/t"), "--timings").get(0);
        Map<String, Object> plain = fetch(List.of("/got/t")).get(0);

        List<String> keys = new ArrayList<>(timed.keySet());
        assertEquals(List.of("elapsed_ms", "dns_ms", "connect_ms", "tls_ms", "ttfb_ms", "remote_ip", "bytes"),
                keys.subList(keys.indexOf("elapsed_ms"), keys.indexOf("bytes") + 1));
        assertEquals("127.0.0.1", timed.get("remote_ip"));
        assertEquals(0L, timed.get("tls_ms"));
        assertTrue(timed.get("ttfb_ms") instanceof Number, timed.toString());
        assertFalse(plain.containsKey("ttfb_ms"), "off by default");
    }

    @Test
    void locationIsAlwaysThereOnA3xx() {
        FetchResult noLocation = new FetchResult(0, "http://h/", null, 302, 1, 0, 0, null, null, "http://h/",
                new FetchError(ErrorType.REDIRECTS, "HTTP 302 without a Location header"), null, 0,
                Map.of("content-length", List.of("0")), List.of(), null);
        String record = new RecordFormat(new RecordFormat.Fields(false, false, true, false, false)).format(noLocation, null);

        assertTrue(record.contains(",\"headers\":{\"content-length\":\"0\",\"location\":null}}"), record);
    }

    private static Object header(Map<String, Object> record, String name) {
        @SuppressWarnings("unchecked")
        Map<String, Object> headers = (Map<String, Object>) record.get("headers");
        return headers.get(name);
    }
}
