package dev.salvo.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --since}: a second run sends the first run's validators, and a server that has not
 * changed a page answers 304, which becomes an ok record marked unchanged with the earlier digest.
 */
@Timeout(60)
class RefreshTest {

    private static final String LAST_MODIFIED = "Wed, 21 Oct 2026 07:28:00 GMT";

    @TempDir
    Path dir;

    private HttpServer server;
    private ExecutorService executor;
    /** Conditional headers each path received, in the latest request. */
    private final Map<String, String> conditions = new ConcurrentHashMap<>();
    private volatile int version = 1;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * {@code /etag/...} has an ETag, {@code /dated/...} a Last-Modified, {@code /plain/...} neither;
     * {@code /changing/...} has an ETag that follows {@link #version}.
     */
    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
            String ifModifiedSince = exchange.getRequestHeaders().getFirst("If-Modified-Since");
            conditions.put(path, ifNoneMatch + " | " + ifModifiedSince);
            String etag = path.startsWith("/changing/") ? "\"v" + version + "\""
                    : path.startsWith("/etag/") ? "\"e-" + path.hashCode() + "\"" : null;
            byte[] body = ("body of " + path + " v" + (path.startsWith("/changing/") ? version : 1))
                    .getBytes(StandardCharsets.UTF_8);
            if (etag != null) {
                exchange.getResponseHeaders().set("ETag", etag);
            }
            if (path.startsWith("/dated/")) {
                exchange.getResponseHeaders().set("Last-Modified", LAST_MODIFIED);
            }
            boolean notModified = (etag != null && etag.equals(ifNoneMatch))
                    || (path.startsWith("/dated/") && LAST_MODIFIED.equals(ifModifiedSince));
            if (notModified) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private int run(StringWriter err, String... args) {
        CommandLine cmd = Main.commandLine();
        cmd.setErr(new PrintWriter(err, true));
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        return cmd.execute(args);
    }

    private static Map<String, Map<String, Object>> byUrl(Path output) throws IOException {
        Map<String, Map<String, Object>> records = new HashMap<>();
        for (String line : Files.readAllLines(output)) {
            Map<String, Object> record = WarcReader.flat(line);
            records.put((String) record.get("url"), record);
        }
        return records;
    }

    @Test
    void aSecondRunDownloadsOnlyWhatChanged() throws Exception {
        String b = "http://127.0.0.1:" + server.getAddress().getPort();
        Path input = Files.write(dir.resolve("urls.txt"),
                List.of(b + "/etag/1", b + "/dated/2", b + "/plain/3", b + "/changing/4"));
        Path first = dir.resolve("monday.jsonl");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "fetch", "-o", first.toString(), input.toString()), err.toString());
        Map<String, Map<String, Object>> before = byUrl(first);
        assertEquals("\"e-" + "/etag/1".hashCode() + "\"", before.get(b + "/etag/1").get("etag"));
        assertEquals(LAST_MODIFIED, before.get(b + "/dated/2").get("last_modified"));
        assertTrue(!before.get(b + "/plain/3").containsKey("etag"), "no etag field without an ETag");

        version = 2;
        Path second = dir.resolve("tuesday.jsonl");
        err = new StringWriter();
        assertEquals(0, run(err, "fetch", "--since", first.toString(), "-o", second.toString(), input.toString()),
                err.toString());
        Map<String, Map<String, Object>> after = byUrl(second);

        assertEquals(before.get(b + "/etag/1").get("etag") + " | null", conditions.get("/etag/1"));
        assertEquals("null | " + LAST_MODIFIED, conditions.get("/dated/2"));
        assertEquals("null | null", conditions.get("/plain/3"));
        for (String unchanged : List.of(b + "/etag/1", b + "/dated/2")) {
            Map<String, Object> record = after.get(unchanged);
            assertEquals(304L, record.get("status"), record.toString());
            assertEquals(true, record.get("ok"));
            assertEquals(true, record.get("unchanged"));
            assertNull(record.get("error"));
            assertEquals(before.get(unchanged).get("sha256"), record.get("sha256"), "the earlier body's digest");
            assertEquals(before.get(unchanged).get("bytes"), record.get("bytes"), "the earlier body's size");
        }
        Map<String, Object> changed = after.get(b + "/changing/4");
        assertEquals(200L, changed.get("status"));
        assertTrue(!changed.containsKey("unchanged"), changed.toString());
        assertTrue(!changed.get("sha256").equals(before.get(b + "/changing/4").get("sha256")));
        assertEquals(200L, after.get(b + "/plain/3").get("status"));
        assertTrue(err.toString().contains("4 ok (2 unchanged), 0 failed"), err.toString());
        assertTrue(err.toString().contains("3 of its 4 records can be refreshed"), err.toString());
    }

    @Test
    void aParquetOutputIsAPreviousRunToo() throws Exception {
        String b = "http://127.0.0.1:" + server.getAddress().getPort();
        Path input = Files.write(dir.resolve("urls.txt"),
                List.of(b + "/etag/1", b + "/dated/2", b + "/plain/3", b + "/changing/4"));
        Path first = dir.resolve("monday");
        StringWriter err = new StringWriter();
        // Two records a part: the validators come from more than one part file.
        assertEquals(0, run(err, "fetch", "--format", "parquet", "--part-records", "2", "-o", first.toString(),
                input.toString()), err.toString());
        Map<String, Map<String, Object>> before = new HashMap<>();
        try (java.sql.Connection duck = java.sql.DriverManager.getConnection("jdbc:duckdb:");
             java.sql.ResultSet rows = duck.createStatement().executeQuery("select url, sha256, bytes from '"
                     + first + "/*.parquet'")) {
            while (rows.next()) {
                before.put(rows.getString(1), Map.of("sha256", rows.getString(2), "bytes", rows.getLong(3)));
            }
        }
        assertEquals(4, before.size(), before.toString());

        version = 2;
        Path second = dir.resolve("tuesday.jsonl");
        err = new StringWriter();
        assertEquals(0, run(err, "fetch", "--since", first.toString(), "-o", second.toString(), input.toString()),
                err.toString());
        Map<String, Map<String, Object>> after = byUrl(second);

        assertEquals("\"e-" + "/etag/1".hashCode() + "\" | null", conditions.get("/etag/1"));
        assertEquals("null | " + LAST_MODIFIED, conditions.get("/dated/2"));
        assertEquals("null | null", conditions.get("/plain/3"));
        for (String unchanged : List.of(b + "/etag/1", b + "/dated/2")) {
            Map<String, Object> record = after.get(unchanged);
            assertEquals(304L, record.get("status"), record.toString());
            assertEquals(true, record.get("ok"));
            assertEquals(true, record.get("unchanged"));
            assertEquals(before.get(unchanged).get("sha256"), record.get("sha256"), "the earlier body's digest");
            assertEquals(before.get(unchanged).get("bytes"), record.get("bytes"), "the earlier body's size");
        }
        assertEquals(200L, after.get(b + "/changing/4").get("status"), "its ETag changed");
        assertTrue(err.toString().contains("4 ok (2 unchanged), 0 failed"), err.toString());
        assertTrue(err.toString().contains("3 of its 4 records can be refreshed"), err.toString());
    }

    @Test
    void aDirectoryWithoutPartsIsAUsageError() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Path input = Files.write(dir.resolve("urls.txt"), List.of("http://127.0.0.1:1/x"));
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "fetch", "--since", empty.toString(), "-o", dir.resolve("o.jsonl").toString(),
                input.toString()), err.toString());
        assertTrue(err.toString().contains("cannot read --since " + empty), err.toString());
        assertTrue(err.toString().contains("holds no Parquet parts"), err.toString());
    }

    @Test
    void aNotModifiedWithoutConditionsIsStillAFailure() throws Exception {
        // A 304 the request did not ask for says nothing about a body Salvo has: it stays an http error.
        String b = "http://127.0.0.1:" + server.getAddress().getPort();
        Path input = Files.write(dir.resolve("urls.txt"), List.of(b + "/etag/1"));
        Path out = dir.resolve("out.jsonl");
        StringWriter err = new StringWriter();
        String etag = "\"e-" + "/etag/1".hashCode() + "\"";
        assertEquals(0, run(err, "fetch", "-H", "If-None-Match: " + etag, "-o", out.toString(), input.toString()),
                err.toString());
        Map<String, Object> record = byUrl(out).get(b + "/etag/1");
        assertEquals(304L, record.get("status"));
        assertEquals(false, record.get("ok"));
    }
}
