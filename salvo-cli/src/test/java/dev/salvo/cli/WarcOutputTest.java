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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code --warc}: every exchange archived, read back by warcio.js (an independent reader) with its
 * digests recomputed, including across size rotation and after a SIGKILL and {@code --resume}.
 */
@Timeout(120)
class WarcOutputTest {

    @TempDir
    Path dir;

    private HttpServer server;
    private ExecutorService executor;
    private final Map<String, Integer> hits = new ConcurrentHashMap<>();
    private volatile int delayMillis;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        executor = Executors.newFixedThreadPool(8);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            String path = exchange.getRequestURI().getPath();
            int hit = hits.merge(path, 1, Integer::sum);
            byte[] body = ("page " + path + "\n").getBytes(StandardCharsets.UTF_8);
            long length = body.length;
            int status = 200;
            if (path.startsWith("/redirect/")) {
                status = 301;
                exchange.getResponseHeaders().set("Location", "/ok/" + path.substring("/redirect/".length()));
            } else if (path.startsWith("/flaky/") && hit == 1) {
                status = 503;
            } else if (path.startsWith("/missing/")) {
                status = 404;
            } else if (path.startsWith("/big/")) {
                body = "x".repeat(5000).getBytes(StandardCharsets.US_ASCII);
                length = body.length;
            } else if (path.startsWith("/chunked/")) {
                length = 0; // the JDK server then sends the body chunked
            }
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(status, length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private int run(StringWriter err, String... args) {
        CommandLine cmd = Main.commandLine();
        cmd.setErr(new PrintWriter(err, true));
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        return cmd.execute(args);
    }

    @Test
    void everyExchangeIsArchivedWithDigestsThatAnIndependentReaderVerifies() throws Exception {
        String warcio = WarcReader.requireWarcio();
        String b = base();
        Path input = Files.write(dir.resolve("urls.txt"), List.of(b + "/ok/1", b + "/chunked/2", b + "/redirect/3",
                b + "/flaky/4", b + "/big/5", b + "/missing/6", "not a url"));
        Path out = dir.resolve("out.jsonl");
        Path warc = dir.resolve("crawl.warc.gz");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "fetch", "--warc", warc.toString(), "--max-body", "1KiB", "--backoff", "1ms",
                "-o", out.toString(), input.toString()), err.toString());

        List<Map<String, Object>> records = WarcReader.records(warcio, List.of(warc));
        assertEquals("warcinfo", records.get(0).get("type"));
        Map<String, Map<String, Object>> byOffset = new HashMap<>();
        Set<Object> responseIds = new HashSet<>();
        Map<String, List<String>> statusesByUri = new HashMap<>();
        for (Map<String, Object> r : records) {
            assertEquals("WARC/1.1", r.get("version"), r.toString());
            if (r.get("type").equals("warcinfo")) {
                continue;
            }
            assertEquals(true, r.get("blockDigestOk"), "block digest of " + r);
            assertEquals("127.0.0.1", r.get("ip"), r.toString());
            assertNotNull(r.get("date"), r.toString());
            if (r.get("type").equals("response")) {
                byOffset.put(r.get("offset").toString(), r);
                responseIds.add(r.get("id"));
                statusesByUri.computeIfAbsent((String) r.get("uri"), u -> new ArrayList<>())
                        .add(((String) r.get("firstLine")).split(" ")[1]);
                if (r.get("truncated") == null) {
                    assertEquals(true, r.get("payloadDigestOk"), "payload digest of " + r);
                }
            } else {
                assertEquals("request", r.get("type"));
                assertTrue(responseIds.contains(r.get("concurrentTo")), "a request follows its response: " + r);
                assertTrue(((String) r.get("firstLine")).startsWith("GET /"), r.toString());
            }
        }
        // Every attempt and redirect hop that got a response is there, 503 and 301 included.
        assertEquals(List.of("200"), statusesByUri.get(b + "/ok/1"));
        assertEquals(List.of("200"), statusesByUri.get(b + "/chunked/2"));
        assertEquals(List.of("301"), statusesByUri.get(b + "/redirect/3"));
        assertEquals(List.of("200"), statusesByUri.get(b + "/ok/3"));
        assertEquals(List.of("503", "200"), statusesByUri.get(b + "/flaky/4"));
        assertEquals(List.of("404"), statusesByUri.get(b + "/missing/6"));

        // Each JSON record with a response names its final response record.
        int named = 0;
        for (String line : Files.readAllLines(out)) {
            Map<String, Object> record = WarcReader.flat(line);
            if (record.get("status") == null) {
                assertTrue(!record.containsKey("warc_file"), line);
                continue;
            }
            assertEquals(warc.toString(), record.get("warc_file"), line);
            Map<String, Object> response = byOffset.get(record.get("warc_offset").toString());
            assertNotNull(response, "a response record at the offset of " + line);
            assertEquals(record.get("final_url"), response.get("uri"), line);
            if (record.get("url").toString().endsWith("/big/5")) {
                assertEquals("length", response.get("truncated"), "a body cut by --max-body is marked");
            }
            named++;
        }
        assertEquals(6, named);
    }

    @Test
    void http2ExchangesAreArchivedAsHttp11RenderingsMarkedWithTheirProtocol() throws Exception {
        String warcio = WarcReader.requireWarcio();
        byte[] page = "gzip me ".repeat(100).getBytes(StandardCharsets.US_ASCII);
        java.io.ByteArrayOutputStream gzipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(gzipped)) {
            gzip.write(page);
        }
        byte[] gzip = gzipped.toByteArray();
        try (Http2TestServer h2 = new Http2TestServer(path -> {
            if (path.startsWith("/redirect/")) {
                return new Http2TestServer.Answer(301, Map.of("location", "/ok/" + path.substring(10)),
                        "moved".getBytes(StandardCharsets.US_ASCII));
            } else if (path.startsWith("/gzip/")) {
                return new Http2TestServer.Answer(200, Map.of("content-type", "text/plain",
                        "content-encoding", "gzip"), gzip);
            } else if (path.startsWith("/big/")) {
                return new Http2TestServer.Answer(200, Map.of("content-type", "text/plain"),
                        "x".repeat(5000).getBytes(StandardCharsets.US_ASCII));
            }
            return new Http2TestServer.Answer(200, Map.of("content-type", "text/plain"),
                    ("page " + path + "\n").getBytes(StandardCharsets.UTF_8));
        })) {
            String b = h2.base();
            Path input = Files.write(dir.resolve("urls.txt"), List.of(b + "/ok/1", b + "/redirect/2", b + "/gzip/3",
                    b + "/big/4"));
            Path out = dir.resolve("out.jsonl");
            Path warc = dir.resolve("h2.warc.gz");
            StringWriter err = new StringWriter();
            assertEquals(0, run(err, "fetch", "--http2", "--compressed", "--warc", warc.toString(), "--max-body",
                    "1KiB", "-o", out.toString(), input.toString()), err.toString());

            List<Map<String, Object>> records = WarcReader.records(warcio, List.of(warc));
            Map<String, Map<String, Object>> byOffset = new HashMap<>();
            Map<String, Map<String, Object>> responsesByUri = new HashMap<>();
            Set<Object> responseIds = new HashSet<>();
            int requests = 0;
            for (Map<String, Object> r : records) {
                if (r.get("type").equals("warcinfo")) {
                    continue;
                }
                assertEquals("h2c", r.get("protocol"), "WARC-Protocol of " + r);
                assertEquals(true, r.get("blockDigestOk"), "block digest of " + r);
                assertEquals("127.0.0.1", r.get("ip"), r.toString());
                if (r.get("type").equals("response")) {
                    byOffset.put(r.get("offset").toString(), r);
                    responseIds.add(r.get("id"));
                    responsesByUri.put((String) r.get("uri"), r);
                    assertTrue(((String) r.get("firstLine")).startsWith("HTTP/1.1 "), r.toString());
                    if (r.get("truncated") == null) {
                        assertEquals(true, r.get("payloadDigestOk"), "payload digest of " + r);
                    }
                } else {
                    assertEquals("request", r.get("type"));
                    assertTrue(responseIds.contains(r.get("concurrentTo")), "a request follows its response: " + r);
                    assertTrue(((String) r.get("firstLine")).matches("GET /\\S+ HTTP/1\\.1"), r.toString());
                    assertEquals("GET", r.get("httpMethod"), "warcio parses the request: " + r);
                    requests++;
                }
            }
            // warcio's own HTTP parser reads each rendered response's status.
            assertEquals(200L, responsesByUri.get(b + "/ok/1").get("httpStatus"));
            assertEquals(301L, responsesByUri.get(b + "/redirect/2").get("httpStatus"));
            assertEquals(200L, responsesByUri.get(b + "/ok/2").get("httpStatus"));
            assertEquals(200L, responsesByUri.get(b + "/gzip/3").get("httpStatus"));
            // The archive keeps the body as received (still gzipped); the record describes it decoded.
            assertEquals((long) gzip.length, responsesByUri.get(b + "/gzip/3").get("payloadLength"));
            assertEquals("length", responsesByUri.get(b + "/big/4").get("truncated"), "cut by --max-body");
            assertEquals(5, requests, "one request per exchange");

            int named = 0;
            for (String line : Files.readAllLines(out)) {
                Map<String, Object> record = WarcReader.flat(line);
                assertEquals(warc.toString(), record.get("warc_file"), line);
                Map<String, Object> response = byOffset.get(record.get("warc_offset").toString());
                assertNotNull(response, "a response record at the offset of " + line);
                assertEquals(record.get("final_url"), response.get("uri"), line);
                if (record.get("url").toString().endsWith("/gzip/3")) {
                    assertEquals((long) page.length, record.get("bytes"), line);
                    assertEquals((long) gzip.length, record.get("wire_bytes"), line);
                }
                named++;
            }
            assertEquals(4, named);
        }
    }

    @Test
    void rotatesToNumberedFilesEachStartingWithWarcinfo() throws Exception {
        String warcio = WarcReader.requireWarcio();
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            urls.add(base() + "/ok/" + i);
        }
        Path input = Files.write(dir.resolve("urls.txt"), urls);
        Path warc = dir.resolve("crawl.warc.gz");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "fetch", "--warc", warc.toString(), "--warc-max-size", "2KB", "-o",
                dir.resolve("out.jsonl").toString(), input.toString()), err.toString());
        List<Path> files = warcFiles();
        assertTrue(files.size() > 3, "rotated: " + files);
        assertTrue(files.contains(dir.resolve("crawl-00001.warc.gz")), files.toString());
        Set<Object> uris = new HashSet<>();
        for (Path file : files) {
            List<Map<String, Object>> records = WarcReader.records(warcio, List.of(file));
            assertEquals("warcinfo", records.get(0).get("type"), file.toString());
            // A file ends once it passes the size: by at most the exchange that crossed it.
            assertTrue(Files.size(file) < 2000 + 2000, file + " has " + Files.size(file) + " bytes");
            records.stream().filter(r -> "response".equals(r.get("type"))).forEach(r -> uris.add(r.get("uri")));
        }
        assertEquals(new HashSet<>(urls), uris);
    }

    @Test
    void resumeAfterSigkillLeavesAValidArchiveWithEveryFetchedUrl() throws Exception {
        String warcio = WarcReader.requireWarcio();
        delayMillis = 10;
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            urls.add(base() + "/ok/" + i);
        }
        Path input = Files.write(dir.resolve("urls.txt"), urls);
        Path out = dir.resolve("out.jsonl");
        Path warc = dir.resolve("crawl.warc.gz");
        Process first = start(input, out, warc, false);
        awaitLines(first, out, 300);
        first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        Process last = start(input, out, warc, true);
        assertTrue(last.waitFor(90, TimeUnit.SECONDS), "the resumed run ends");
        assertEquals(0, last.exitValue(), Files.readString(dir.resolve("stderr.txt")));

        List<Map<String, Object>> records = WarcReader.records(warcio, warcFiles());
        Map<String, Map<String, Object>> responses = new HashMap<>();
        for (Map<String, Object> r : records) {
            if (r.get("blockDigestOk") != null) {
                assertEquals(true, r.get("blockDigestOk"), r.toString());
            }
            if ("response".equals(r.get("type"))) {
                responses.put(r.get("file") + "@" + r.get("offset"), r);
            }
        }
        List<String> lines = Files.readAllLines(out);
        assertEquals(urls.size(), lines.size());
        Set<String> archived = new HashSet<>();
        responses.values().forEach(r -> archived.add((String) r.get("uri")));
        for (String line : lines) {
            Map<String, Object> record = WarcReader.flat(line);
            Map<String, Object> response = responses.get(record.get("warc_file") + "@" + record.get("warc_offset"));
            assertNotNull(response, "the archive holds the response of " + line);
            assertEquals(record.get("url"), response.get("uri"));
        }
        assertEquals(new HashSet<>(urls), archived);
    }

    private List<Path> warcFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".warc.gz")).sorted().toList();
        }
    }

    private Process start(Path input, Path out, Path warc, boolean resume) throws IOException {
        List<String> args = new ArrayList<>(List.of("fetch", "-c", "8", "--retries", "0", "--warc",
                warc.toString(), "--output", out.toString()));
        if (resume) {
            args.add("--resume");
        }
        args.add(input.toString());
        return SalvoProcess.start(dir.resolve("stderr.txt"), args.toArray(String[]::new));
    }

    private static void awaitLines(Process process, Path output, long lines) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("salvo ended (status " + process.exitValue() + ") before writing " + lines + " records");
            }
            if (Files.exists(output) && Files.readAllLines(output).size() >= lines) {
                return;
            }
            Thread.sleep(20);
        }
        fail("salvo did not write " + lines + " records in 30 s");
    }
}
