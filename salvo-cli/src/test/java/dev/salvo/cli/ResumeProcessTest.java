package dev.salvo.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Kills a real {@code salvo fetch} process in the middle of a run against a slow loopback server,
 * resumes it, and checks the output holds exactly one complete record per input URL line.
 */
class ResumeProcessTest {

    private static final int URLS = 3000;
    private static final JsonFactory JSON = new JsonFactory();

    @TempDir
    Path dir;

    private HttpServer server;
    private Path input;
    private Map<Long, String> urlByIndex;

    @BeforeEach
    void startServerAndWriteInput() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", exchange -> {
            try {
                Thread.sleep(10); // so that a run lasts a few seconds and can be cut in the middle
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = exchange.getRequestURI().getPath().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().endsWith("7") ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        List<String> lines = new ArrayList<>();
        urlByIndex = new HashMap<>();
        long index = 0;
        for (int i = 0; i < URLS; i++) {
            if (i % 500 == 0) {
                lines.add("# a comment, not a URL line");
                lines.add("");
            }
            String url = i == 42 ? "not a url" : base + "page/" + i;
            lines.add(i % 10 == 3 ? "{\"url\":\"" + url + "\",\"id\":\"row-" + i + "\"}" : url);
            urlByIndex.put(index++, url);
        }
        input = dir.resolve("urls.txt");
        Files.write(input, lines);
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void sigkillTwiceThenResumeLeavesExactlyOneRecordPerUrl() throws Exception {
        Path output = dir.resolve("out.jsonl");
        Process first = start(output, false);
        awaitLines(first, output, 400);
        first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        long afterFirst = countLines(output);
        Process second = start(output, true);
        awaitLines(second, output, afterFirst + 400);
        second.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        Process last = start(output, true);
        assertTrue(last.waitFor(60, TimeUnit.SECONDS), "the resumed run ends");
        assertEquals(0, last.exitValue(), stderr(last));
        assertExactlyOnce(output);
    }

    @Test
    void sigintStopsWithStatus130AndLeavesAResumableFile() throws Exception {
        assumeFalse(sigintIgnored(), "this JVM ignores SIGINT, so its children do too (started in the background?)");
        Path output = dir.resolve("out.jsonl");
        Process first = start(output, false);
        awaitLines(first, output, 400);
        new ProcessBuilder("kill", "-INT", Long.toString(first.pid())).inheritIO().start().waitFor();
        assertTrue(first.waitFor(20, TimeUnit.SECONDS), "SIGINT ends the run");
        assertEquals(130, first.exitValue(), stderr(first));
        String err = stderr(first);
        assertTrue(err.contains("--resume"), err);
        String text = Files.readString(output);
        assertTrue(text.isEmpty() || text.endsWith("\n"), "only whole lines are written");
        assertFalse(text.contains("\"cancelled\""), "no record for a cancelled URL");
        assertTrue(countLines(output) < URLS, "the run was cut short");

        Process resumed = start(output, true);
        assertTrue(resumed.waitFor(60, TimeUnit.SECONDS), "the resumed run ends");
        assertEquals(0, resumed.exitValue(), stderr(resumed));
        assertExactlyOnce(output);
    }

    private Process start(Path output, boolean resume) throws IOException {
        List<String> args = new ArrayList<>(List.of("fetch", "-c", "8", "--retries", "0", "--output",
                output.toString()));
        if (resume) {
            args.add("--resume");
        }
        args.add(input.toString());
        Path err = dir.resolve("stderr-" + stderrFiles.size() + ".txt");
        Process process = SalvoProcess.start(err, args.toArray(String[]::new));
        stderrFiles.put(process, err);
        return process;
    }

    private final Map<Process, Path> stderrFiles = new HashMap<>();

    private String stderr(Process process) throws IOException {
        return Files.readString(stderrFiles.get(process));
    }

    private static void awaitLines(Process process, Path output, long lines) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("salvo ended (status " + process.exitValue() + ") before writing " + lines + " records");
            }
            if (Files.exists(output) && countLines(output) >= lines) {
                return;
            }
            Thread.sleep(20);
        }
        fail("salvo did not write " + lines + " records in 30 s");
    }

    private static long countLines(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        long n = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }

    private void assertExactlyOnce(Path output) throws IOException {
        String text = Files.readString(output);
        assertTrue(text.endsWith("\n"), "the last line is complete");
        Map<Long, Integer> seen = new HashMap<>();
        for (String line : text.split("\n")) {
            long index = indexOf(line);
            seen.merge(index, 1, Integer::sum);
        }
        seen.forEach((index, count) -> assertEquals(1, count, "records for index " + index));
        assertEquals(urlByIndex.keySet(), seen.keySet(), "one record per input URL line");
        assertEquals(URLS, text.split("\n").length);
    }

    /** Parses the whole line (so a torn or merged line fails) and returns its index, checking its URL. */
    private long indexOf(String line) throws IOException {
        Long index = null;
        String url = null;
        try (JsonParser parser = JSON.createParser(line)) {
            assertEquals(JsonToken.START_OBJECT, parser.nextToken(), line);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (name.equals("index")) {
                    index = parser.getLongValue();
                } else if (name.equals("url")) {
                    url = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
            assertEquals(null, parser.nextToken(), "one object per line: " + line);
        }
        assertNotNull(index, line);
        assertEquals(urlByIndex.get(index), url, "the record's URL is its input line's");
        return index;
    }

    private static boolean sigintIgnored() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    long mask = Long.parseUnsignedLong(line.substring(7).strip(), 16);
                    return (mask & (1L << 1)) != 0; // SIGINT is signal 2, bit 1
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: assume the usual.
        }
        return false;
    }
}
