package dev.salvo.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs {@code ./salvo fetch} exactly as a user does: the launcher script finds a JDK 21+ by
 * itself, finds the shaded jar up to date and runs it. Maven's failsafe plugin runs this after
 * {@code package} has built the jar, so the launcher never has to start a nested build.
 */
@Timeout(120)
class LauncherIT {

    @TempDir
    Path dir;

    @Test
    void launcherFetchesEveryLineIntoOneRecord() throws Exception {
        try (TestServer server = new TestServer()) {
            Path input = dir.resolve("urls.txt");
            Files.writeString(input, String.join("\n",
                    "# a comment, then a blank line",
                    "",
                    server.base() + "/ok/1",
                    server.base() + "/missing/2",
                    "not a url",
                    "{\"url\": \"" + server.base() + "/ok/3\", \"id\": \"third\"}") + "\n");
            Path output = dir.resolve("out.jsonl");

            Path root = repositoryRoot();
            List<String> command = new ArrayList<>(List.of(root.resolve("salvo").toString(), "fetch",
                    "--no-progress", "--retries", "0", "-o", output.toString(), input.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("console.txt").toFile());
            // As on a fresh machine: whatever java is on PATH, the launcher must find 21+ itself.
            builder.environment().remove("JAVA_HOME");
            builder.environment().put("PATH", "/usr/bin:/bin");
            Process process = builder.start();
            assertTrue(process.waitFor(100, TimeUnit.SECONDS), "./salvo did not finish");
            String console = Files.readString(dir.resolve("console.txt"));
            assertEquals(0, process.exitValue(), console);
            assertFalse(console.contains("building"), "the jar from package must be up to date: " + console);

            List<String> records = Files.readAllLines(output, StandardCharsets.UTF_8);
            assertEquals(4, records.size(), String.join("\n", records));
            String all = String.join("\n", records);
            for (int index = 0; index < 4; index++) {
                assertTrue(all.contains("{\"index\":" + index + ","), "record for index " + index + ": " + all);
            }
            assertTrue(all.contains("\"id\":\"third\""), all);
            assertTrue(all.contains("\"type\":\"invalid_url\""), all);
            assertTrue(all.contains("\"status\":404"), all);
            assertTrue(console.contains("4 URLs"), console);
        }
    }

    /**
     * {@code --since} a Parquet output from the jar itself, which (unlike the test class path)
     * holds no Hadoop classes: reading Parquet back must not need them.
     */
    @Test
    void theJarRefreshesFromAParquetOutput() throws Exception {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 10);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().set("ETag", "\"v1\"");
                if ("\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                    exchange.sendResponseHeaders(304, -1);
                    return;
                }
                byte[] body = "unchanging".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            Path input = Files.writeString(dir.resolve("urls.txt"), base + "/a\n" + base + "/b\n");
            assertEquals("", runLauncher("fetch", "--no-progress", "--format", "parquet", "-o",
                    dir.resolve("monday").toString(), input.toString()).error());
            Launched second = runLauncher("fetch", "--no-progress", "--since", dir.resolve("monday").toString(),
                    "-o", dir.resolve("tuesday.jsonl").toString(), input.toString());
            assertEquals("", second.error());
            assertTrue(second.console().contains("2 of its 2 records can be refreshed"), second.console());
            String records = Files.readString(dir.resolve("tuesday.jsonl"));
            assertEquals(2, records.split("\"unchanged\":true").length - 1, records);
        } finally {
            server.stop(0);
        }
    }

    /** What a launcher run printed, and why it failed ("" when it exited 0). */
    private record Launched(String console, String error) { }

    private Launched runLauncher(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(repositoryRoot().resolve("salvo").toString()));
        command.addAll(List.of(args));
        Path console = Files.createTempFile(dir, "console", ".txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(console.toFile()).start();
        assertTrue(process.waitFor(100, TimeUnit.SECONDS), "./salvo did not finish");
        String text = Files.readString(console);
        return new Launched(text, process.exitValue() == 0 ? "" : "exit " + process.exitValue() + ": " + text);
    }

    /** The test runs in salvo-cli/; the launcher is one level up. */
    private static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("salvo")) ? here : here.getParent();
    }
}
