package dev.salvo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code salvo fetch --adaptive} end to end against a loopback server that takes {@value #K}
 * requests at once and answers 429 above that: every URL is fetched, and the report's host table
 * shows the host's limit, which has come down from --per-host to near K.
 */
@Timeout(60)
class AdaptiveReportTest {

    private static final int K = 2;

    @TempDir
    Path dir;

    @Test
    void reportShowsTheLimitEachHostSettledAt() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService threads = Executors.newCachedThreadPool();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(threads);
        server.createContext("/", exchange -> answer(exchange, inFlight, refused));
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                urls.add(base + "/page/" + i);
            }
            Path in = Files.write(dir.resolve("urls.txt"), urls);
            Path out = dir.resolve("out.jsonl");
            Path report = dir.resolve("run.html");
            StringWriter err = new StringWriter();
            CommandLine cmd = Main.commandLine();
            cmd.setErr(new PrintWriter(err, true));
            cmd.setOut(new PrintWriter(new StringWriter(), true));

            int status = cmd.execute("fetch", "--no-progress", "--adaptive", "--per-host", "16", "--retries", "20",
                    "--backoff", "10ms", "--max-backoff", "100ms", "--circuit-failures", "0", "--report",
                    report.toString(), "-o", out.toString(), in.toString());

            assertEquals(0, status, err.toString());
            assertTrue(err.toString().contains("60 ok"), err.toString());
            String html = Files.readString(report);
            Matcher limit = Pattern.compile("of 60 failed; limit (\\d+)</text>").matcher(html);
            assertTrue(limit.find(), "the host's limit in the host table:\n" + html);
            int settled = Integer.parseInt(limit.group(1));
            assertTrue(settled >= 1 && settled <= K + 1, "settled near " + K + ", was " + settled
                    + " (" + refused.get() + " 429s)");
            assertTrue(html.contains("in-flight limit " + settled), "and in the bar's tooltip");
        } finally {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    /** 429 above K in flight; otherwise 200 after 20 ms, counted out before the answer leaves. */
    private static void answer(HttpExchange exchange, AtomicInteger inFlight, AtomicInteger refused)
            throws IOException {
        try (exchange) {
            int status = 200;
            if (inFlight.incrementAndGet() > K) {
                refused.incrementAndGet();
                status = 429;
            } else {
                try {
                    Thread.sleep(20);   // the server's own work, not a test waiting for time to pass
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            inFlight.decrementAndGet();
            byte[] body = (status == 200 ? "ok" : "slow down").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
    }
}
