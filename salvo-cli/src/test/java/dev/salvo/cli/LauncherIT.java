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

    /** The test runs in salvo-cli/; the launcher is one level up. */
    private static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("salvo")) ? here : here.getParent();
    }
}
