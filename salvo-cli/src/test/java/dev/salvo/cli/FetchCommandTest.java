package dev.salvo.cli;

import dev.salvo.SalvoConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs {@code salvo fetch} in-process through picocli, against a loopback server. */
@Timeout(60)
class FetchCommandTest {

    private static TestServer server;

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void startServer() throws IOException {
        server = new TestServer();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private int run(String... args) {
        CommandLine cmd = Main.commandLine();
        cmd.setErr(new PrintWriter(err, true));
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        return cmd.execute(args);
    }

    private Path input(String... lines) throws IOException {
        return Files.write(dir.resolve("urls.txt"), List.of(lines));
    }

    @Test
    void writesOneRecordPerUrlLine() throws IOException {
        String base = server.base();
        Path in = input("# comment", "", base + "/ok/a", base + "/missing/b", "not a url",
                "{\"url\": \"" + base + "/ok/c\", \"id\": 17}", "{broken json", base + "/ok/d");
        Path out = dir.resolve("out.jsonl");

        int status = run("fetch", "--no-progress", "--retries", "0", "--ordered", "-o", out.toString(), in.toString());

        assertEquals(0, status, err.toString());
        List<Map<String, Object>> records = Records.parse(Files.readString(out));
        assertEquals(6, records.size());
        for (int i = 0; i < records.size(); i++) {
            assertEquals((long) i, records.get(i).get("index"));
        }
        Map<String, Object> ok = records.get(0);
        assertEquals(List.of("index", "url", "status", "ok", "attempts", "elapsed_ms", "bytes", "sha256",
                "content_type", "final_url", "error"), new ArrayList<>(ok.keySet()));
        assertEquals(200L, ok.get("status"));
        assertEquals(true, ok.get("ok"));
        assertEquals(1L, ok.get("attempts"));
        assertEquals((long) "ok /ok/a".length(), ok.get("bytes"));
        assertEquals(64, ((String) ok.get("sha256")).length());
        assertEquals("text/plain", ok.get("content_type"));
        assertEquals(base + "/ok/a", ok.get("final_url"));
        assertNull(ok.get("error"));

        Map<String, Object> missing = records.get(1);
        assertEquals(404L, missing.get("status"));
        assertEquals(false, missing.get("ok"));
        assertEquals("http", error(missing).get("type"));

        Map<String, Object> invalid = records.get(2);
        assertEquals("not a url", invalid.get("url"));
        assertEquals("invalid_url", error(invalid).get("type"));
        assertEquals(0L, invalid.get("attempts"));

        Map<String, Object> withId = records.get(3);
        assertEquals("17", withId.get("id"));
        assertEquals(List.of("index", "url", "id"), new ArrayList<>(withId.keySet()).subList(0, 3));
        assertEquals(true, withId.get("ok"));

        assertEquals("{broken json", records.get(4).get("url"));
        assertEquals("invalid_url", error(records.get(4)).get("type"));
        assertEquals(true, records.get(5).get("ok"));

        String summary = err.toString();
        assertTrue(summary.contains("salvo: 6 URLs in "), summary);
        assertTrue(summary.contains("3 ok, 3 failed"), summary);
        assertTrue(summary.contains("invalid_url 2 URLs"), summary);
        assertTrue(summary.contains("http 1 URL (1 got 404)"), summary);
    }

    @Test
    void failOnErrorExitsOneWhenAnyUrlFailed() throws IOException {
        Path in = input(server.base() + "/ok/a", server.base() + "/broken/b");
        Path out = dir.resolve("out.jsonl");
        assertEquals(1, run("fetch", "--no-progress", "--retries", "0", "--fail-on-error", "-o", out.toString(),
                in.toString()));
        assertEquals(2, Records.parse(Files.readString(out)).size());
        Path good = input(server.base() + "/ok/a");
        assertEquals(0, run("fetch", "--no-progress", "--fail-on-error", "--overwrite", "-o", out.toString(),
                good.toString()));
    }

    @Test
    void retriesAreCountedInTheSummary() throws IOException {
        Path in = input(server.base() + "/broken/x");
        Path out = dir.resolve("out.jsonl");
        assertEquals(0, run("fetch", "--no-progress", "--retries", "2", "--backoff", "1ms", "--circuit-failures",
                "0", "-o", out.toString(), in.toString()));
        Map<String, Object> record = Records.parse(Files.readString(out)).get(0);
        assertEquals(3L, record.get("attempts"));
        assertEquals(500L, record.get("status"));
        assertTrue(err.toString().contains("3 requests sent (2 retries)"), err.toString());
    }

    @Test
    void savesAndIncludesBodies() throws IOException {
        Path in = input("{\"url\": \"" + server.base() + "/ok/a\", \"id\": \"page/a\"}", server.base() + "/missing/b");
        Path out = dir.resolve("out.jsonl");
        Path bodies = dir.resolve("bodies");
        assertEquals(0, run("fetch", "--no-progress", "--ordered", "--include-body", "--save-bodies",
                bodies.toString(), "-o", out.toString(), in.toString()));
        List<Map<String, Object>> records = Records.parse(Files.readString(out));
        assertEquals("ok /ok/a", records.get(0).get("body"));
        Path saved = Path.of((String) records.get(0).get("body_file"));
        assertEquals(bodies.resolve("0-page_a.body"), saved);
        assertEquals("ok /ok/a", Files.readString(saved));
        assertEquals("no /missing/b", Files.readString(bodies.resolve("1.body")));
    }

    @Test
    void bodiesCanBeNamedAfterTheirUrls() throws IOException {
        Path in = input(server.base() + "/ok/page", server.base() + "/ok/page");
        Path bodies = dir.resolve("bodies");
        assertEquals(0, run("fetch", "--no-progress", "--save-bodies", bodies.toString(), "--body-names", "url",
                "-o", dir.resolve("out.jsonl").toString(), in.toString()), err.toString());
        assertEquals("ok /ok/page", Files.readString(bodies.resolve("0-127.0.0.1_ok_page.txt")));
        assertEquals("ok /ok/page", Files.readString(bodies.resolve("1-127.0.0.1_ok_page.txt")), "unique names");
        err.getBuffer().setLength(0);

        assertEquals(2, run("fetch", "--body-names", "url", in.toString()));
        assertOneLine("salvo fetch: --body-names names the files of --save-bodies DIR, which is not given");
    }

    @Test
    void badOptionIsOneLineAndExitTwo() {
        assertEquals(2, run("fetch", "--timeout", "30"));
        assertOneLine("salvo fetch: Invalid value for option '--timeout': '30' is not a duration");
        assertEquals(2, run("fetch", "--no-such-option"));
        assertOneLine("salvo fetch: Unknown option: '--no-such-option'");
        assertEquals(2, run("fetch", "-c", "0", "/dev/null"));
        assertOneLine("salvo fetch: --concurrency must be > 0, was 0");
        assertEquals(2, run("fetch", "--per-host", "-1", "/dev/null"));
        assertOneLine("salvo fetch: --per-host must be > 0, was -1");
        assertEquals(2, run());
        assertOneLine("salvo: missing command");
    }

    @Test
    void unreadableInputAndUnwritableOutputExitTwo() throws IOException {
        assertEquals(2, run("fetch", dir.resolve("nope.txt").toString()));
        assertOneLine("salvo fetch: cannot read input " + dir.resolve("nope.txt") + ": no such file or directory");
        assertEquals(2, run("fetch", dir.toString()));
        assertOneLine("salvo fetch: cannot read input " + dir + ": it is a directory");
        Path in = input(server.base() + "/ok/a");
        assertEquals(2, run("fetch", "-o", dir.resolve("no/such/dir/out.jsonl").toString(), in.toString()));
        assertOneLine("salvo fetch: cannot write output ");
    }

    @Test
    void defaultsAreTheLibrarysDefaults() {
        FetchCommand fetch = new FetchCommand();
        new CommandLine(fetch).parseArgs();
        assertEquals(SalvoConfig.builder().build(), fetch.config());
    }

    @Test
    void everyEngineOptionReachesTheConfiguration() {
        FetchCommand fetch = new FetchCommand();
        new CommandLine(fetch).parseArgs("-c", "200", "--per-host", "4", "--rate", "120/m", "--per-host-rate", "0.5",
                "--burst", "7", "--timeout", "1500ms", "--connect-timeout", "2s", "--retries", "5", "--backoff", "250ms",
                "--max-backoff", "1m", "--retry-after-max", "90s", "--circuit-failures", "9", "--circuit-cooldown", "1h",
                "--max-redirects", "0", "--max-body", "2MiB", "-H", "Authorization: Bearer t", "-H", "X-A: b",
                "-X", "head", "--user-agent", "probe/1", "--max-idle-connections", "16", "--insecure", "--http2", "--ordered", "--include-body",
                "--adaptive", "--per-ip", "6");
        SalvoConfig expected = SalvoConfig.builder()
                .concurrency(200).perHost(4).rate(2.0).perHostRate(0.5).burst(7)
                .timeout(java.time.Duration.ofMillis(1500)).connectTimeout(java.time.Duration.ofSeconds(2))
                .retries(5).backoff(java.time.Duration.ofMillis(250)).maxBackoff(java.time.Duration.ofMinutes(1))
                .retryAfterMax(java.time.Duration.ofSeconds(90)).circuitFailures(9)
                .circuitCooldown(java.time.Duration.ofHours(1)).maxRedirects(0).maxBody(2L * 1024 * 1024)
                .header("Authorization", "Bearer t").header("X-A", "b").method("HEAD").userAgent("probe/1")
                .maxIdleConnections(16).insecure(true).http2PriorKnowledge(true).ordered(true).keepBodies(true)
                .adaptive(true).perIp(6)
                .build();
        assertEquals(expected, fetch.config());
    }

    @Test
    void aRepeatedHeaderNameKeepsEveryValue() {
        // The engine sends each configured header (TlsAndHttp2Test, Http1FramingTest show it on the wire).
        FetchCommand fetch = new FetchCommand();
        new CommandLine(fetch).parseArgs("-H", "X-A: 1", "-H", "X-A: 2");
        assertEquals(SalvoConfig.builder().header("X-A", "1").header("X-A", "2").build(), fetch.config());
    }

    @Test
    void demoFetchesFromItsOwnServerAndShowsFailures() {
        StringWriter out = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setErr(new PrintWriter(err, true));
        cmd.setOut(new PrintWriter(out, true));
        assertEquals(0, cmd.execute("demo", "--urls", "300", "--no-progress"));
        String text = out + "\n" + err;
        assertTrue(text.contains("300 URLs"), text);
        assertTrue(text.contains("invalid_url"), text);
        assertTrue(text.contains("404"), text);
        assertTrue(text.contains("\"ok\":true"), "sample records are shown: " + text);
    }

    @Test
    void helpDocumentsDefaultsRecordFormatAndExitCodes() {
        StringWriter out = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        assertEquals(0, cmd.execute("fetch", "--help"));
        String help = out.toString();
        for (String expected : new String[] {"--timeout=DURATION", "Default: 30s", "Default: 10MiB", "Default: 64",
                "elapsed_ms", "Exit status:", "Examples:"}) {
            assertTrue(help.contains(expected), expected + " missing from:\n" + help);
        }
    }

    @Test
    void tlsOptionsReachTheConfigurationAndBadOnesAreOneLine() throws IOException {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "not checked here");
        Path cert = Files.writeString(dir.resolve("c.pem"), "x");
        Path key = Files.writeString(dir.resolve("c.key"), "x");
        FetchCommand fetch = new FetchCommand();
        new CommandLine(fetch).parseArgs("--cacert", ca.toString(), "--cacert-only", "--cert", cert.toString(),
                "--key", key.toString(), "--tls-min", "1.3");
        assertEquals(new SalvoConfig.TlsOptions(ca, true, cert, key, "1.3"), fetch.config().tls());

        assertEquals(2, run("fetch", "--cacert", dir.resolve("missing.pem").toString(), "/dev/null"));
        assertOneLine("salvo fetch: cannot read --cacert " + dir.resolve("missing.pem"));
        assertEquals(2, run("fetch", "--tls-min", "1.1", "/dev/null"));
        assertOneLine("salvo fetch: the lowest TLS version must be 1.2 or 1.3, was '1.1'");
        assertEquals(2, run("fetch", "--cert", cert.toString(), "/dev/null"));
        assertOneLine("salvo fetch: a client certificate needs both a certificate file and a key file");
        // Readable but not PEM: found when the run sets TLS up, still a one-line usage error.
        assertEquals(2, run("fetch", "--cacert", ca.toString(), "/dev/null"));
        assertOneLine("salvo fetch: cannot set up TLS: cannot read the CA certificates in " + ca);
    }

    @Test
    void optionNamesReplaceConfigNames() {
        assertEquals("--retry-after-max must be >= 0", FetchCommand.optionNamed("retryAfterMax must be >= 0"));
        assertEquals("window (3) must be at least", FetchCommand.optionNamed("window (3) must be at least"));
    }

    private static Map<String, Object> error(Map<String, Object> record) {
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) record.get("error");
        return error;
    }

    private void assertOneLine(String start) {
        String text = err.toString();
        err.getBuffer().setLength(0);
        assertTrue(text.startsWith(start), "expected '" + start + "...' but got: " + text);
        assertEquals(1, text.strip().lines().count(), text);
        assertFalse(text.contains("Exception") || text.contains("\tat "), text);
    }
}
