package dev.salvo.cli;

import dev.salvo.cli.SalvoProcess.Outcome;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs the command line as a real process ({@link SalvoProcess}): real exit codes, real standard
 * streams, System.exit.
 */
@Timeout(120)
class ProcessTest {

    private static TestServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws IOException {
        server = new TestServer();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private Outcome salvo(Path stdin, String... args) throws IOException, InterruptedException {
        return SalvoProcess.run(dir, Map.of(), stdin, args);
    }

    private Outcome salvo(Map<String, String> environment, Path stdin, String... args)
            throws IOException, InterruptedException {
        return SalvoProcess.run(dir, environment, stdin, args);
    }

    @Test
    void fetchFromStandardInputToStandardOutput() throws Exception {
        String base = server.base();
        Path in = Files.write(dir.resolve("urls.txt"), List.of("# urls", base + "/ok/1", base + "/missing/2", "",
                "not a url", "{\"url\":\"" + base + "/ok/3\",\"id\":\"three\"}"));

        Outcome run = salvo(in, "fetch", "--retries", "0");

        assertEquals(0, run.status(), run.err());
        List<Map<String, Object>> records = Records.parse(run.out());
        assertEquals(4, records.size(), run.out());
        Map<Long, Map<String, Object>> byIndex = new java.util.HashMap<>();
        records.forEach(r -> byIndex.put((Long) r.get("index"), r));
        assertEquals(200L, byIndex.get(0L).get("status"));
        assertEquals(404L, byIndex.get(1L).get("status"));
        assertEquals("not a url", byIndex.get(2L).get("url"));
        assertEquals("three", byIndex.get(3L).get("id"));
        assertTrue(run.err().contains("salvo: 4 URLs in"), run.err());
        assertFalse(run.err().contains("done"), "no progress line when stderr is not a terminal: " + run.err());
    }

    @Test
    void robotsObeyWritesRobotsRecordsAndCountsThemInTheSummary() throws Exception {
        Path in = Files.write(dir.resolve("urls.txt"), List.of(server.base() + "/ok/1", server.base() + "/ok/private/2",
                server.base() + "/ok/private/3"));

        Outcome obeyed = salvo(null, "fetch", "--robots", "obey", "--ordered", in.toString());

        assertEquals(0, obeyed.status(), obeyed.err());
        List<Map<String, Object>> records = Records.parse(obeyed.out());
        assertEquals(3, records.size(), obeyed.out());
        assertEquals(200L, records.get(0).get("status"));
        for (Map<String, Object> record : records.subList(1, 3)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> error = (Map<String, Object>) record.get("error");
            assertEquals("robots", error.get("type"), record.toString());
            assertEquals("robots.txt of " + server.base() + " disallows it for user agent 'salvo'", error.get("message"));
            assertEquals(0L, record.get("attempts"));
        }
        assertTrue(obeyed.err().contains("salvo: failed: robots 2 URLs"), obeyed.err());
        assertTrue(obeyed.err().contains("salvo: 3 URLs in"), obeyed.err());
        assertFalse(obeyed.err().contains("SLF4J"), "no logging noise: " + obeyed.err());

        Outcome ignored = salvo(null, "fetch", in.toString());
        assertEquals(0, ignored.status(), ignored.err());
        Records.parse(ignored.out()).forEach(r -> assertEquals(200L, r.get("status"), r.toString()));

        Outcome wrong = salvo(null, "fetch", "--robots", "maybe", in.toString());
        assertEquals(2, wrong.status());
        assertTrue(wrong.err().contains("'maybe' is neither obey nor ignore"), wrong.err());
    }

    @Test
    void dashOutputIsStandardOutput() throws Exception {
        Path in = Files.write(dir.resolve("urls.txt"), List.of(server.base() + "/ok/1"));

        Outcome run = salvo(null, "fetch", "-o", "-", in.toString());

        assertEquals(0, run.status(), run.err());
        assertEquals(1, Records.parse(run.out()).size(), run.out());
        assertFalse(Files.exists(dir.resolve("-")), "no file named '-'");
    }

    @Test
    void theEnvironmentSetsOptions() throws Exception {
        Outcome run = salvo(Map.of("SALVO_RETRIES", "-1"), null, "fetch", "/dev/null");
        assertEquals(2, run.status(), run.err());
        assertEquals("salvo fetch: --retries must be >= 0, was -1", run.err().strip());
    }

    @Test
    void exitCodes() throws Exception {
        Path in = Files.write(dir.resolve("urls.txt"), List.of(server.base() + "/ok/1", server.base() + "/missing/2"));
        assertEquals(1, salvo(null, "fetch", "--fail-on-error", in.toString()).status());

        Outcome badOption = salvo(null, "fetch", "--concurrency", "lots", in.toString());
        assertEquals(2, badOption.status());
        assertEquals(1, badOption.err().strip().lines().count(), badOption.err());
        assertTrue(badOption.err().contains("--concurrency") && badOption.err().contains("lots"), badOption.err());
        assertFalse(badOption.err().contains("Exception"), badOption.err());
        assertEquals("", badOption.out());

        Outcome unreadable = salvo(null, "fetch", dir.resolve("missing.txt").toString());
        assertEquals(2, unreadable.status());
        assertEquals(1, unreadable.err().strip().lines().count(), unreadable.err());

        Outcome version = salvo(null, "--version");
        assertEquals(0, version.status());
        assertTrue(version.out().startsWith("salvo "), version.out());
    }
}
