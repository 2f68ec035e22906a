package dev.salvo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.List;
import java.util.Map;

/**
 * Requests as rich as people write them, checked by what the loopback server received: bodies from
 * {@code -d}, {@code --data @FILE} and {@code --json}, the method they imply, per-line JSON
 * requests, {@code --base}, and records for lines that cannot be understood.
 */
@Timeout(60)
class RequestOptionsTest {

    private static RecordingServer server;

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void startServer() throws IOException {
        server = new RecordingServer();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** Runs {@code salvo fetch --no-progress --ordered -o out ARGS... INPUT}; returns the records. */
    private List<Map<String, Object>> fetch(List<String> lines, String... args) throws IOException {
        Path in = Files.write(dir.resolve("urls.txt"), lines);
        Path out = dir.resolve("out.jsonl");
        Files.deleteIfExists(out);
        CommandLine cmd = Main.commandLine();
        cmd.setErr(new PrintWriter(err, true));
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        String[] all = new String[args.length + 6];
        all[0] = "fetch";
        all[1] = "--no-progress";
        all[2] = "--ordered";
        all[3] = "-o";
        all[4] = out.toString();
        System.arraycopy(args, 0, all, 5, args.length);
        all[all.length - 1] = in.toString();
        assertEquals(0, cmd.execute(all), err.toString());
        return Records.parse(Files.readString(out));
    }

    @Test
    void dataIsAFormBodyAndMakesThePost() throws IOException {
        fetch(List.of(server.base() + "/d/1", server.base() + "/d/2"), "-d", "a=1", "--data", "b=x y");

        for (String target : List.of("/d/1", "/d/2")) {
            RecordingServer.Received got = server.received(target).get(0);
            assertEquals("POST", got.method());
            assertEquals("a=1&b=x y", got.bodyText(), "parts are joined with & as curl does");
            assertEquals("application/x-www-form-urlencoded", got.header("Content-Type"));
            assertEquals("9", got.header("Content-Length"));
        }
    }

    @Test
    void dataFromAFileLosesItsLineBreaksAndMethodAndContentTypeCanBeGiven() throws IOException {
        Path body = Files.writeString(dir.resolve("body.txt"), "line one\r\nline two\n");
        fetch(List.of(server.base() + "/file/1"), "--data", "@" + body, "-X", "PUT", "-H", "Content-Type: text/plain");

        RecordingServer.Received got = server.received("/file/1").get(0);
        assertEquals("PUT", got.method());
        assertEquals("line oneline two", got.bodyText());
        assertEquals(List.of("text/plain"), got.headers("Content-Type"));
    }

    @Test
    void jsonSetsContentTypeAndAcceptLikeCurl() throws IOException {
        Path file = Files.writeString(dir.resolve("q.json"), "{\"q\":\n \"salvo\"}\n");
        fetch(List.of(server.base() + "/json/1"), "--json", "@" + file);

        RecordingServer.Received got = server.received("/json/1").get(0);
        assertEquals("POST", got.method());
        assertEquals("{\"q\":\n \"salvo\"}\n", got.bodyText(), "a --json file is sent as is");
        assertEquals("application/json", got.header("Content-Type"));
        assertEquals("application/json", got.header("Accept"));
    }

    @Test
    void jsonLinesCarryTheirOwnRequestOverTheCommandLines() throws IOException {
        String base = server.base();
        fetch(List.of(
                "{\"url\":\"" + base + "/line/1\",\"method\":\"PATCH\",\"headers\":{\"X-A\":\"line\",\"X-B\":[\"1\",\"2\"]},"
                        + "\"body\":\"h\\u00e9\",\"params\":{\"q\":\"a b\",\"n\":3}}",
                "{\"url\":\"" + base + "/line/2\",\"body_base64\":\"AP8=\"}",
                base + "/line/3"),
                "-H", "X-A: command line", "-H", "X-C: kept", "--json", "{}");

        RecordingServer.Received first = server.received("/line/1?q=a+b&n=3").get(0);
        assertEquals("PATCH", first.method());
        assertEquals("hé", first.bodyText());
        assertEquals(List.of("line"), first.headers("X-A"), "the line's header replaces -H of the same name");
        assertEquals(List.of("1", "2"), first.headers("X-B"));
        assertEquals("kept", first.header("X-C"));
        assertEquals("application/json", first.header("Content-Type"));

        RecordingServer.Received second = server.received("/line/2").get(0);
        assertEquals("POST", second.method());
        assertEquals(List.of((byte) 0, (byte) 0xff), List.of(second.body()[0], second.body()[1]));

        RecordingServer.Received third = server.received("/line/3").get(0);
        assertEquals("{}", third.bodyText(), "a line without a body gets the command line's");
    }

    @Test
    void relativeLinesResolveAgainstTheBase() throws IOException {
        List<Map<String, Object>> records = fetch(List.of("a/b?x=1", "/top", "{\"url\":\"../up\",\"id\":1}",
                server.base() + "/absolute"), "--base", server.base() + "/docs/index.html");

        assertEquals(server.base() + "/docs/a/b?x=1", records.get(0).get("url"));
        assertEquals(1, server.received("/docs/a/b?x=1").size());
        assertEquals(1, server.received("/top").size());
        assertEquals(1, server.received("/up").size());
        assertEquals(1, server.received("/absolute").size());
        records.forEach(r -> assertEquals(true, r.get("ok"), r.toString()));
    }

    @Test
    void aLineThatCannotBeUnderstoodGetsAnInvalidInputRecordAndIsNotSent() throws IOException {
        String base = server.base();
        List<Map<String, Object>> records = fetch(List.of(
                "{\"url\":\"" + base + "/bad/1\",\"methd\":\"POST\"}",
                "{\"url\":\"" + base + "/bad/2\",\"id\":[1]}",
                base + "/good"));

        assertEquals(3, records.size());
        Map<String, Object> unknown = records.get(0);
        assertEquals(base + "/bad/1", unknown.get("url"));
        assertEquals("invalid_input", error(unknown).get("type"));
        assertTrue(((String) error(unknown).get("message")).startsWith("unknown field \"methd\""), unknown.toString());
        assertEquals(0L, unknown.get("attempts"));
        assertNull(unknown.get("status"));
        assertEquals("invalid_input", error(records.get(1)).get("type"));
        assertEquals("\"id\" must be a string or a number", error(records.get(1)).get("message"));
        assertEquals(true, records.get(2).get("ok"));
        assertTrue(server.received("/bad/1").isEmpty() && server.received("/bad/2").isEmpty(), "never sent");
        assertTrue(err.toString().contains("invalid_input 2"), err.toString());
    }

    @Test
    void badBodyAndBaseOptionsAreOneLineUsageErrors() throws IOException {
        Path in = Files.write(dir.resolve("urls.txt"), List.of(server.base() + "/never"));
        assertUsageError("salvo fetch: cannot read --data file " + dir.resolve("none") + ": no such file or directory",
                "-d", "@" + dir.resolve("none"), in.toString());
        assertUsageError("salvo fetch: give --data or --json, not both", "-d", "a", "--json", "{}", in.toString());
        assertUsageError("salvo fetch: --base: 'docs/' is not an absolute http:// or https:// URL with a host",
                "--base", "docs/", in.toString());
        assertTrue(server.received("/never").isEmpty());
    }

    private void assertUsageError(String message, String... args) {
        err.getBuffer().setLength(0);
        CommandLine cmd = Main.commandLine();
        cmd.setErr(new PrintWriter(err, true));
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        String[] all = new String[args.length + 2];
        all[0] = "fetch";
        all[1] = "--no-progress";
        System.arraycopy(args, 0, all, 2, args.length);
        assertEquals(2, cmd.execute(all), err.toString());
        assertEquals(message, err.toString().strip());
        assertFalse(err.toString().contains("Exception"));
    }

    private static Map<String, Object> error(Map<String, Object> record) {
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) record.get("error");
        return error;
    }
}
