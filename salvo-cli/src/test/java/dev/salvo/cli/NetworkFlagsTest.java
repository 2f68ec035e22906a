package dev.salvo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The address guard, resolution and proxy flags reach the engine, and bad values are one line. */
@Timeout(60)
class NetworkFlagsTest {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = Main.commandLine();
        cmd.setErr(new PrintWriter(err, true));
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        return cmd.execute(args);
    }

    @Test
    void aDeniedAddressIsABlockedRecordAndCountedInTheSummary() throws IOException {
        try (TestServer server = new TestServer()) {
            Path in = Files.write(dir.resolve("urls.txt"), List.of(server.base() + "/ok/a"));
            Path out = dir.resolve("out.jsonl");

            int status = run("fetch", "--no-progress", "--deny", "127.0.0.0/8", "-o", out.toString(), in.toString());

            assertEquals(0, status, err.toString());
            List<Map<String, Object>> records = Records.parse(Files.readString(out));
            @SuppressWarnings("unchecked")
            Map<String, Object> error = (Map<String, Object>) records.get(0).get("error");
            assertEquals("blocked", error.get("type"), records.toString());
            assertTrue(err.toString().contains("failed: blocked 1"), err.toString());
        }
    }

    @Test
    void badValuesAreOneLineAndExitTwo() {
        assertEquals(2, run("fetch", "--deny", "10.0.0.0/33", "/dev/null"));
        assertOneLine("salvo fetch: address range '10.0.0.0/33' has a prefix longer than 32 bits");
        assertEquals(2, run("fetch", "--resolve", "example.com:443", "/dev/null"));
        assertOneLine("salvo fetch: resolve entry 'example.com:443' is not HOST:PORT:ADDRESS");
    }

    private void assertOneLine(String start) {
        String text = err.toString();
        err.getBuffer().setLength(0);
        assertTrue(text.startsWith(start), "expected '" + start + "...' but got: " + text);
        assertEquals(1, text.strip().lines().count(), text);
        assertFalse(text.contains("Exception") || text.contains("\tat "), text);
    }
}
