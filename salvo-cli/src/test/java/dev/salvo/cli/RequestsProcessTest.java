package dev.salvo.cli;

import dev.salvo.cli.SalvoProcess.Outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/**
 * Rich requests through the real process (as {@link ProcessTest} runs it): URLs on standard
 * input, a body from a file, a base URL; records on standard output, exit codes, one-line errors.
 */
@Timeout(120)
class RequestsProcessTest {

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

    private Outcome salvo(Path stdin, String... args) throws IOException, InterruptedException {
        return SalvoProcess.run(dir, Map.of(), stdin, args);
    }

    @Test
    void jsonBodiesRelativeLinesAndBadLinesFromStandardInput() throws Exception {
        Path body = Files.writeString(dir.resolve("query.json"), "{\"q\": \"salvo\"}");
        Path in = Files.write(dir.resolve("urls.txt"), List.of("p/a", "{\"url\":\"p/b\",\"method\":\"PUT\"}",
                "{\"url\":\"p/c\",\"methd\":\"PUT\"}"));

        Outcome run = salvo(in, "fetch", "--ordered", "--json", "@" + body, "--base", server.base() + "/api/");

        assertEquals(0, run.status(), run.err());
        List<Map<String, Object>> records = Records.parse(run.out());
        assertEquals(3, records.size(), run.out());
        assertEquals(server.base() + "/api/p/a", records.get(0).get("url"));
        assertEquals(true, records.get(0).get("ok"));
        assertEquals("invalid_input", ((Map<?, ?>) records.get(2).get("error")).get("type"));
        RecordingServer.Received a = server.received("/api/p/a").get(0);
        assertEquals("POST", a.method());
        assertEquals("{\"q\": \"salvo\"}", a.bodyText());
        assertEquals("application/json", a.header("Content-Type"));
        assertEquals("PUT", server.received("/api/p/b").get(0).method());
        assertTrue(server.received("/api/p/c").isEmpty(), "a line with an unknown field is not sent");
    }

    @Test
    void aMissingBodyFileIsAOneLineUsageError() throws Exception {
        Path in = Files.write(dir.resolve("urls.txt"), List.of(server.base() + "/never"));

        Outcome run = salvo(in, "fetch", "--data", "@" + dir.resolve("missing.txt"));

        assertEquals(2, run.status());
        assertEquals("salvo fetch: cannot read --data file " + dir.resolve("missing.txt")
                + ": no such file or directory", run.err().strip());
        assertEquals("", run.out());
        assertFalse(run.err().contains("Exception"));
    }
}
