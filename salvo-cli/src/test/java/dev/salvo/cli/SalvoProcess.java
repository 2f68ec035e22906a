package dev.salvo.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code salvo} as its own process, the way a person does: exit status, standard output and
 * standard error as they really are.
 *
 * <p>It launches {@code java -cp <this test JVM's class path> dev.salvo.cli.Main} rather than
 * {@code ./salvo}: during {@code mvn test} the shaded jar does not exist yet (packaging comes
 * after testing), and {@code ./salvo} would start a nested Maven build to make it. The class path
 * holds the freshly compiled classes and every dependency, so this is the same program the jar
 * runs, without recursion. The launcher script itself is exercised by {@code ./salvo demo} and
 * {@code LauncherIT}. C1 only and the serial collector: these runs are short, and many run at once.
 *
 * <p>Stateless and thread-safe.
 */
final class SalvoProcess {

    /** How long a run started by {@link #run} may take before the test fails. */
    private static final long RUN_LIMIT_SECONDS = 60;

    /** What a finished run left: its exit status and everything it wrote. */
    record Outcome(int status, String out, String err) { }

    private SalvoProcess() {
    }

    /** The command line that starts salvo with {@code args}. */
    static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                // As the jar's manifest (Enable-Native-Access) has it: without it the JVM warns on
                // stderr when Netty loads its native transport and TLS, which a person never sees.
                "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                "dev.salvo.cli.Main"));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Runs salvo in {@code dir} (which also receives its stdout and stderr files) to the end, at
     * most 60 s.
     *
     * @param environment added to this JVM's environment
     * @param stdin       the file on standard input, or null for an empty one
     */
    static Outcome run(Path dir, Map<String, String> environment, Path stdin, String... args)
            throws IOException, InterruptedException {
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        ProcessBuilder builder = new ProcessBuilder(command(args))
                .directory(dir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(stdin == null ? ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())
                        : ProcessBuilder.Redirect.from(stdin.toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(RUN_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("salvo " + String.join(" ", args) + " did not finish within " + RUN_LIMIT_SECONDS + " s");
        }
        return new Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /**
     * Starts salvo in the background, standard output discarded and standard error to
     * {@code stderr}; the caller waits for it, kills it, or both.
     */
    static Process start(Path stderr, String... args) throws IOException {
        return new ProcessBuilder(command(args))
                .redirectError(stderr.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }
}
