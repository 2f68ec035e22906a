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
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Options as people type them: short flags, --url, a config file, the environment, and mistakes. */
@Timeout(60)
class OptionsTest {

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
        return run(Map.of(), args);
    }

    private int run(Map<String, String> environment, String... args) {
        CommandLine cmd = Main.commandLine();
        cmd.setDefaultValueProvider(new ConfigDefaults(environment));
        cmd.setErr(new PrintWriter(err, true));
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        return cmd.execute(args);
    }

    /** The configuration {@code args} give, with {@code environment}, without running anything. */
    private static SalvoConfig configOf(Map<String, String> environment, String... args) {
        FetchCommand fetch = new FetchCommand();
        CommandLine cmd = new CommandLine(fetch);
        cmd.setDefaultValueProvider(new ConfigDefaults(environment));
        cmd.parseArgs(args);
        return fetch.config();
    }

    private String takeErr() {
        String text = err.toString();
        err.getBuffer().setLength(0);
        return text;
    }

    @Test
    void shortFlagsPeoplesFingersKnow() {
        SalvoConfig config = configOf(Map.of(), "-A", "probe/1", "-k");
        assertEquals("probe/1", config.userAgent());
        assertTrue(config.insecure());
    }

    @Test
    void urlsOnTheCommandLine() throws IOException {
        Path out = dir.resolve("out.jsonl");
        assertEquals(0, run("fetch", "--no-progress", "--ordered", "--url", server.base() + "/ok/a", "--url",
                server.base() + "/missing/b", "-o", out.toString()), err.toString());
        List<Map<String, Object>> records = Records.parse(Files.readString(out));
        assertEquals(List.of(200L, 404L), records.stream().map(r -> r.get("status")).toList());
        takeErr();

        assertEquals(2, run("fetch", "--url", server.base() + "/ok/a", "urls.txt"));
        assertTrue(takeErr().startsWith("salvo fetch: give URLs either with --url or in INPUT (urls.txt), not both"));
    }

    @Test
    void aUrlWhereAFileShouldBeGetsAHint() {
        assertEquals(2, run("fetch", "https://example.com/page"));
        String line = takeErr();
        assertEquals("salvo fetch: cannot read input https://example.com/page: no such file or directory; to fetch one URL:"
                + " salvo fetch --url URL, or echo URL | salvo fetch", line.strip());
        assertEquals(2, run("fetch", dir.resolve("missing.txt").toString()));
        assertFalse(takeErr().contains("--url"), "no URL hint for a file name");
    }

    @Test
    void quietSaysNothingButRecords() throws IOException {
        Path out = dir.resolve("out.jsonl");
        assertEquals(0, run("fetch", "-s", "--url", server.base() + "/ok/a", "-o", out.toString()));
        assertEquals("", takeErr());
        assertEquals(1, Records.parse(Files.readString(out)).size());
        assertEquals(2, run("fetch", "-s", "-v", "--url", server.base() + "/ok/a"));
        assertTrue(takeErr().startsWith("salvo fetch: --verbose contradicts --quiet"));
    }

    @Test
    void verbosePrintsOneLinePerAttempt() throws IOException {
        Path out = dir.resolve("out.jsonl");
        assertEquals(0, run("fetch", "-v", "--retries", "1", "--backoff", "1ms", "--circuit-failures", "0",
                "--url", server.base() + "/ok/a", "--url", server.base() + "/broken/b", "-o", out.toString()));
        List<String> attempts = takeErr().lines().filter(l -> l.contains("(attempt ")).toList();
        assertEquals(3, attempts.size(), attempts.toString());
        assertTrue(attempts.contains("salvo: GET " + server.base() + "/broken/b (attempt 2): 500 in "
                + attempts.stream().filter(l -> l.contains("/broken/b (attempt 2)")).findFirst().orElseThrow()
                        .replaceAll(".* in ", "")), attempts.toString());
        assertTrue(attempts.stream().anyMatch(l -> l.startsWith("salvo: GET " + server.base() + "/ok/a (attempt 1): 200 in ")),
                attempts.toString());
    }

    @Test
    void commandLineWinsOverEnvironmentWhichWinsOverTheConfigFile() throws IOException {
        Path file = Files.writeString(dir.resolve("salvo.conf"), String.join("\n",
                "# a comment, then options as on the command line",
                "--user-agent \"from file/1\"",
                "--timeout=7s",
                "-c 9",
                "--retries 1",
                "--header X-A: 1",
                "--header X-B: 2",
                "--insecure",
                "--no-progress",
                ""));
        SalvoConfig fromFile = configOf(Map.of("SALVO_CONFIG", file.toString()));
        assertEquals("from file/1", fromFile.userAgent());
        assertEquals(Duration.ofSeconds(7), fromFile.timeout());
        assertEquals(9, fromFile.concurrency());
        assertEquals(2, fromFile.headers().size());
        assertTrue(fromFile.insecure());

        SalvoConfig withEnvironment = configOf(Map.of("SALVO_USER_AGENT", "from env/1", "SALVO_RETRIES", "2"),
                "--config", file.toString());
        assertEquals("from env/1", withEnvironment.userAgent());
        assertEquals(2, withEnvironment.retries());
        assertEquals(Duration.ofSeconds(7), withEnvironment.timeout());

        SalvoConfig withCommandLine = configOf(Map.of("SALVO_USER_AGENT", "from env/1"),
                "--config", file.toString(), "-A", "from cli/1", "--timeout", "3s");
        assertEquals("from cli/1", withCommandLine.userAgent());
        assertEquals(Duration.ofSeconds(3), withCommandLine.timeout());
        assertEquals(1, withCommandLine.retries());
    }

    @Test
    void aConfigFileWithAMistakeIsAUsageErrorNamingTheLine() throws IOException {
        Path file = Files.writeString(dir.resolve("salvo.conf"), "--timeout 5s\n--timeot 5s\n");
        assertEquals(2, run("fetch", "--config", file.toString(), "--url", server.base() + "/ok/a"));
        String line = takeErr();
        assertTrue(line.startsWith("salvo fetch: config file " + file + " line 2: '--timeot' is not an option"), line);
        assertEquals(1, line.strip().lines().count(), line);

        assertEquals(2, run("fetch", "--config", dir.resolve("none.conf").toString(), "--url", server.base()));
        assertTrue(takeErr().startsWith("salvo fetch: cannot read the config file "));
    }

    @Test
    void optionErrorsSpeakTheUsersUnits() {
        assertEquals(2, run("fetch", "--timeout", "0", "/dev/null"));
        assertEquals("salvo fetch: --timeout must be > 0, was 0s", takeErr().strip());
        assertEquals(2, run("fetch", "--retries", "-1", "/dev/null"));
        assertEquals("salvo fetch: --retries must be >= 0, was -1", takeErr().strip());
        assertEquals(2, run(Map.of("SALVO_RETRIES", "-2"), "fetch", "/dev/null"));
        assertEquals("salvo fetch: --retries must be >= 0, was -2", takeErr().strip());
    }

    @Test
    void aMistypedOptionOrCommandGetsDidYouMean() {
        assertEquals(2, run("fetch", "--tiemout", "3s", "/dev/null"));
        String option = takeErr();
        assertTrue(option.contains("did you mean --timeout"), option);
        assertEquals(1, option.strip().lines().count(), option);
        assertEquals(2, run("fecth"));
        String command = takeErr();
        assertTrue(command.contains("did you mean fetch"), command);
    }
}
