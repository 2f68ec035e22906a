package dev.salvo.cli;

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
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.salvo.cli.DuckDb.literal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Kills a real {@code salvo fetch --format parquet} process (SIGKILL) twice while it writes parts,
 * resumes it, and has DuckDB check that every input index is in exactly one row over all parts.
 */
class ParquetResumeProcessTest {

    private static final int URLS = 2000;
    private static final int PART_RECORDS = 150;

    @TempDir
    Path dir;

    private HttpServer server;
    private ExecutorService executor;
    private Path input;

    @BeforeEach
    void startServerAndWriteInput() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        executor = Executors.newFixedThreadPool(8);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try {
                Thread.sleep(10); // so that a run lasts a few seconds and can be cut in the middle
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = exchange.getRequestURI().getPath().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < URLS; i++) {
            lines.add(i == 7 ? "not a url" : "http://127.0.0.1:" + server.getAddress().getPort() + "/page/" + i);
        }
        input = Files.write(dir.resolve("urls.txt"), lines);
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Test
    void sigkillTwiceThenResumeLeavesEveryIndexInExactlyOneRow() throws Exception {
        Path out = dir.resolve("out");
        Process first = start(out, false);
        awaitClosedParts(first, out, 2);
        first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        Process second = start(out, true);
        awaitClosedParts(second, out, closedParts(out) + 2);
        second.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        Process last = start(out, true);
        assertTrue(last.waitFor(60, TimeUnit.SECONDS), "the resumed run ends");
        assertEquals(0, last.exitValue(), Files.readString(dir.resolve("stderr.txt")));
        String parts = literal(out.resolve("part-*.parquet"));
        assertEquals(List.of(List.of((long) URLS, (long) URLS, 0L, (long) URLS - 1)), DuckDb.query(
                "select count(*), count(distinct index), min(index), max(index) from " + parts));
        assertEquals("invalid_url", DuckDb.value("select error_type from " + parts + " where index = 7"));
        assertEquals(0L, DuckDb.value("select count(*) from " + parts
                + " where index <> 7 and (not ok or url <> final_url or url not like '%/page/' || index)"));
    }

    private Process start(Path out, boolean resume) throws IOException {
        List<String> args = new ArrayList<>(List.of("fetch", "-c", "8", "--retries", "0", "--format", "parquet",
                "--part-records", Integer.toString(PART_RECORDS), "--output", out.toString()));
        if (resume) {
            args.add("--resume");
        }
        args.add(input.toString());
        return SalvoProcess.start(dir.resolve("stderr.txt"), args.toArray(String[]::new));
    }

    private static void awaitClosedParts(Process process, Path out, long parts) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("salvo ended (status " + process.exitValue() + ") before closing " + parts + " parts");
            }
            if (closedParts(out) >= parts) {
                return;
            }
            Thread.sleep(20);
        }
        fail("salvo did not close " + parts + " parts in 30 s");
    }

    private static long closedParts(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".parquet")).count();
        }
    }
}
