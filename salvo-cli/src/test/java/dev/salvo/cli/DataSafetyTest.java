package dev.salvo.cli;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code salvo fetch} never destroys a person's data, and finds every mistake it can before the run. */
@Timeout(60)
class DataSafetyTest {

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

    private Path input() throws IOException {
        return Files.write(dir.resolve("urls.txt"), List.of(server.base() + "/ok/a", server.base() + "/ok/b"));
    }

    /** The one line on standard error, which must start with {@code start}; clears it. */
    private String oneLine(String start) {
        String text = err.toString();
        err.getBuffer().setLength(0);
        assertTrue(text.startsWith(start), "expected '" + start + "...' but got: " + text);
        assertEquals(1, text.strip().lines().count(), text);
        assertFalse(text.contains("Exception"), text);
        return text;
    }

    @Test
    void anOutputHoldingRecordsIsRefusedUnlessResumedOrOverwritten() throws IOException {
        Path in = input();
        Path out = dir.resolve("out.jsonl");
        String earlier = "{\"index\":0,\"url\":\"a\"}\n{\"index\":1,\"url\":\"b\"}\n{\"index\":2,\"url\":\"c\"}\n";
        Files.writeString(out, earlier);

        assertEquals(2, run("fetch", "--no-progress", "-o", out.toString(), in.toString()));
        String line = oneLine("salvo fetch: " + out + " already exists and holds 3 records");
        assertTrue(line.contains("--resume") && line.contains("--overwrite"), line);
        assertEquals(earlier, Files.readString(out), "the earlier records are untouched");

        Files.writeString(out, "not records\n");
        assertEquals(2, run("fetch", "--no-progress", "-o", out.toString(), in.toString()));
        oneLine("salvo fetch: " + out + " already exists and is not empty (12 bytes, no records)");

        assertEquals(0, run("fetch", "--no-progress", "--overwrite", "-o", out.toString(), in.toString()), err.toString());
        assertEquals(2, Records.parse(Files.readString(out)).size());
        err.getBuffer().setLength(0);

        assertEquals(2, run("fetch", "--overwrite", "--resume", "-o", out.toString(), in.toString()));
        oneLine("salvo fetch: --overwrite replaces the output and --resume continues it: choose one");
    }

    @Test
    void anEmptyOrMissingOutputIsWrittenWithoutAsking() throws IOException {
        Path in = input();
        Path out = Files.createFile(dir.resolve("out.jsonl"));
        assertEquals(0, run("fetch", "--no-progress", "-o", out.toString(), in.toString()), err.toString());
        assertEquals(2, Records.parse(Files.readString(out)).size());
    }

    @Test
    void anOutputThatIsTheInputIsRefusedEvenThroughLinks() throws IOException {
        Path in = input();
        String urls = Files.readString(in);
        Path hard = Files.createLink(dir.resolve("hard.txt"), in);
        Path symbolic = Files.createSymbolicLink(dir.resolve("symbolic.txt"), in);
        for (Path out : List.of(in, hard, symbolic)) {
            // --overwrite too: replacing an output on purpose must still not destroy the input.
            assertEquals(2, run("fetch", "--no-progress", "--overwrite", "-o", out.toString(), in.toString()));
            oneLine("salvo fetch: the output " + out + " is the input");
            assertEquals(urls, Files.readString(in));
        }
        // /dev/null as input and output destroys nothing.
        assertEquals(0, run("fetch", "--no-progress", "-o", "/dev/null", "/dev/null"), err.toString());
    }

    @Test
    void aReportThatCouldNotBeWrittenIsRefusedBeforeTheRun() throws IOException {
        Path in = input();
        Path out = dir.resolve("out.jsonl");
        assertEquals(2, run("fetch", "--no-progress", "--report", dir.resolve("no/such/r.html").toString(),
                "-o", out.toString(), in.toString()));
        oneLine("salvo fetch: cannot write the report " + dir.resolve("no/such/r.html") + ": the directory");
        assertEquals(2, run("fetch", "--no-progress", "--report", dir.toString(), "-o", out.toString(), in.toString()));
        oneLine("salvo fetch: cannot write the report " + dir + ": it is a directory");
        assertFalse(Files.exists(out), "nothing was fetched");
    }

    @Test
    void aMetricsPortOutOfRangeIsAUsageError() throws IOException {
        Path in = input();
        assertEquals(2, run("fetch", "--no-progress", "--metrics-port", "99999", in.toString()));
        oneLine("salvo fetch: --metrics-port must be a port from 0 to 65535");
        assertEquals(2, run("fetch", "--no-progress", "--metrics-port", "-1", in.toString()));
        oneLine("salvo fetch: --metrics-port must be a port from 0 to 65535");
    }

    @Test
    void saveBodiesMustBeAWritableDirectory() throws IOException {
        Path in = input();
        Path out = dir.resolve("out.jsonl");
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertEquals(2, run("fetch", "--no-progress", "--save-bodies", file.toString(), "-o", out.toString(),
                in.toString()));
        oneLine("salvo fetch: cannot save bodies in " + file + ": it is a file, not a directory");
        assertEquals(2, run("fetch", "--no-progress", "--save-bodies", file.resolve("sub").toString(), "-o",
                out.toString(), in.toString()));
        oneLine("salvo fetch: cannot save bodies in " + file.resolve("sub") + ": ");
        assertFalse(Files.exists(out), "nothing was fetched");
    }
}
