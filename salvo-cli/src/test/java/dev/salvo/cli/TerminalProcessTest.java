package dev.salvo.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The command in a real terminal: tmux runs it in a pane of a known size, and the test reads the
 * screen with {@code capture-pane -J} (wrapped lines joined, so a line that wrapped shows as longer
 * than the pane). Skipped when tmux is not installed ({@code apt-get install -y tmux}).
 */
@Timeout(180)
class TerminalProcessTest {

    private static TestServer server;

    @TempDir
    Path dir;

    private final String socket = "salvo-test-" + UUID.randomUUID();

    @BeforeAll
    static void startServer() throws IOException {
        server = new TestServer();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void needTmux() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tmux")), "tmux is not installed (apt-get install -y tmux)");
    }

    @AfterEach
    void stopTmux() throws Exception {
        tmux("kill-server");
    }

    @Test
    void progressFitsTheWidthAndCtrlCClearsItBeforeItsMessage() throws Exception {
        int width = 40;
        start(width, "(echo " + server.base() + "/ok/1; sleep 60) | " + salvo() + " fetch --progress -o "
                + dir.resolve("out.jsonl"));
        List<String> running = awaitScreen(screen -> screen.stream().anyMatch(l -> l.startsWith("1 done")));
        for (String line : running) {
            assertTrue(line.length() <= width, "the progress line wrapped: '" + line + "'");
        }

        tmux("send-keys", "-t", "t", "C-c");
        List<String> after = awaitScreen(screen -> screen.stream().anyMatch(l -> l.startsWith("EXIT=")));
        String text = String.join("\n", after);
        assertTrue(after.stream().anyMatch(l -> l.startsWith("salvo: SIGINT: sending nothing more")), text);
        assertTrue(after.stream().anyMatch(l -> l.startsWith("salvo: 1 URL in ")), text);
        assertTrue(after.contains("EXIT=130"), text);
        for (String line : after) {
            assertFalse(line.contains("done") && line.contains("salvo:"), "a message glued to the progress line: " + line);
        }
        assertEquals(1, Records.parse(Files.readString(dir.resolve("out.jsonl"))).size());
    }

    @Test
    void recordsOnTheSameTerminalNeverMixWithProgress() throws Exception {
        Path in = Files.write(dir.resolve("urls.txt"), List.of(server.base() + "/ok/1", server.base() + "/ok/2",
                server.base() + "/missing/3"));
        start(400, salvo() + " fetch " + in);
        List<String> screen = awaitScreen(lines -> lines.stream().anyMatch(l -> l.startsWith("EXIT=")));
        String text = String.join("\n", screen);
        List<String> records = screen.stream().filter(l -> l.contains("\"index\"")).toList();
        assertEquals(3, records.size(), text);
        for (String record : records) {
            assertTrue(record.startsWith("{\"index\":") && record.endsWith("}"), "a whole record: " + record);
        }
        assertFalse(text.contains(" done "), "no progress line when records share the terminal: " + text);
        assertTrue(screen.contains("EXIT=0"), text);
    }

    @Test
    void forcedProgressIsErasedBeforeARecordReachesTheSameTerminal() throws Exception {
        start(400, "(echo " + server.base() + "/ok/1; sleep 60) | " + salvo() + " fetch --progress");
        List<String> screen = awaitScreen(lines -> lines.stream().anyMatch(l -> l.contains("\"index\":0"))
                && lines.stream().anyMatch(l -> l.startsWith("1 done")));
        String text = String.join("\n", screen);
        List<String> records = screen.stream().filter(l -> l.contains("\"index\"")).toList();
        assertEquals(1, records.size(), text);
        assertTrue(records.get(0).startsWith("{\"index\":0,") && records.get(0).endsWith("}"),
                "the record is not glued to the progress line: " + text);
        tmux("send-keys", "-t", "t", "C-c");
        awaitScreen(lines -> lines.stream().anyMatch(l -> l.startsWith("EXIT=")));
    }

    @Test
    void readingFromTheTerminalSaysHowToEnd() throws Exception {
        Path out = dir.resolve("out.jsonl");
        start(120, salvo() + " fetch -o " + out);
        awaitScreen(lines -> lines.stream().anyMatch(l -> l.contains("Ctrl-D to end")));
        tmux("send-keys", "-t", "t", server.base() + "/ok/typed", "Enter");
        tmux("send-keys", "-t", "t", "C-d");
        List<String> screen = awaitScreen(lines -> lines.stream().anyMatch(l -> l.startsWith("EXIT=")));
        String text = String.join("\n", screen);
        assertEquals(1, screen.stream().filter(l -> l.equals("salvo fetch: reading URLs from standard input;"
                + " Ctrl-D to end")).count(), text);
        assertTrue(screen.contains("EXIT=0"), text);
        assertEquals(1, Records.parse(Files.readString(out)).size());
    }

    /** The command line that starts salvo from this test's class path. */
    private static String salvo() {
        // --enable-native-access as the jar's manifest has it: the JVM's warning would land on the screen.
        return Path.of(System.getProperty("java.home"), "bin", "java") + " -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
                + " --enable-native-access=ALL-UNNAMED"
                + " -cp " + System.getProperty("java.class.path") + " dev.salvo.cli.Main";
    }

    /** Runs {@code command} in a new pane of {@code width} columns; the pane stays after it ends. */
    private void start(int width, String command) throws Exception {
        Path script = Files.writeString(dir.resolve("run.sh"), command + "\necho EXIT=$?\nsleep 120\n");
        tmux("-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", Integer.toString(width), "-y", "50",
                "bash " + script);
    }

    /** The pane's lines, wrapped lines joined, trailing blanks dropped, once {@code ready} holds (60 s at most). */
    private List<String> awaitScreen(Predicate<List<String>> ready) throws Exception {
        List<String> lines = List.of();
        for (int i = 0; i < 600; i++) {
            lines = tmux("capture-pane", "-p", "-J", "-t", "t").lines().map(String::stripTrailing).toList();
            if (ready.test(lines)) {
                return lines;
            }
            Thread.sleep(100);
        }
        fail("the screen never showed what was expected:\n" + String.join("\n", lines));
        return lines;
    }

    private String tmux(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return out;
    }
}
