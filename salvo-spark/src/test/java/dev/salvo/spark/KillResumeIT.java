package dev.salvo.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The packaged job as on a cluster: its own JVM, Spark's jars first on the classpath and the job
 * jar last (so any clash between Spark's Netty or Jackson and the engine's would show). The driver
 * is killed with SIGKILL in the middle of a wave, the job resumed, and the output read back by
 * Spark and by DuckDB: exactly one row per input index.
 */
@Timeout(600)
class KillResumeIT {

    private static final int HOSTS = 8;
    private static final int URLS = 800;
    private static final int WAVE = 200;

    @TempDir
    Path dir;

    @Test
    void jobJarRelocatesWhatSparkAlsoShips() throws IOException {
        try (JarFile jar = new JarFile(jobJar().toFile())) {
            List<String> clashing = jar.stream().map(e -> e.getName())
                    .filter(n -> n.endsWith(".class"))
                    .filter(n -> n.startsWith("io/netty/") || n.startsWith("com/fasterxml/") || n.startsWith("io/vertx/")
                            || n.startsWith("tools/jackson/") || n.startsWith("org/apache/spark/") || n.startsWith("scala/")
                            || n.startsWith("okhttp3/") || n.startsWith("okio/") || n.startsWith("kotlin/"))
                    .limit(5).collect(Collectors.toList());
            assertEquals(List.of(), clashing, "classes the job jar must relocate or leave to the cluster");
            assertTrue(jar.getEntry("dev/salvo/spark/shaded/io/netty/channel/Channel.class") != null, "Netty, relocated");
        }
    }

    @Test
    void killedDriverResumesToExactlyOneRowPerIndex() throws Exception {
        try (HostsServer server = new HostsServer(HOSTS, 50)) {
            Path input = dir.resolve("urls.txt");
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < URLS; i++) {
                lines.add(server.base(i % HOSTS) + "/ok/" + i);
            }
            Files.write(input, lines);
            Path output = dir.resolve("out");
            List<String> args = List.of("--master", "local[2]", "--per-host", "2", "--retries", "0",
                    "--wave-size", Integer.toString(WAVE), "--output", output.toString(), input.toString());

            Process first = start(args, dir.resolve("first.log"));
            long killedAtHits = killMidWave(first, server, output);
            assertTrue(first.waitFor(30, TimeUnit.SECONDS), "the killed driver is gone");
            assertEquals(137, first.exitValue(), "ended by SIGKILL");
            assertFalse(Files.exists(output.resolve("wave=" + (URLS / WAVE - 1))), "killed before the last wave");

            List<String> resumed = new ArrayList<>(List.of("--resume"));
            resumed.addAll(args);
            Process second = start(resumed, dir.resolve("second.log"));
            assertTrue(second.waitFor(400, TimeUnit.SECONDS), "the resumed run ends");
            String log = Files.readString(dir.resolve("second.log"));
            assertEquals(0, second.exitValue(), log);
            assertTrue(log.contains("resuming"), log);

            // Committed waves were not fetched again: wave 0's URLs were asked for once.
            for (int i = 0; i < WAVE; i++) {
                assertEquals(1, server.hits("/ok/" + i), "/ok/" + i + " (killed at " + killedAtHits + " requests)");
            }
            Duck.IndexStats duck = Duck.indexStats(output);
            assertEquals(new Duck.IndexStats(URLS, URLS, 0, URLS - 1), duck, "DuckDB reads one row per index");
            assertEquals(URLS, Duck.count(output, "ok AND status = 200"));
            assertEveryIndexOnceBySpark(output);
        }
    }

    /** Waits until wave 0 is committed and the next wave is part done, then sends SIGKILL. */
    private static long killMidWave(Process job, HostsServer server, Path output) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (System.nanoTime() < deadline) {
            int hits = server.totalHits();
            boolean midWave = hits % WAVE > WAVE / 10 && hits % WAVE < WAVE * 9 / 10;
            if (Files.exists(output.resolve("wave=0")) && hits > WAVE && hits < URLS - WAVE && midWave) {
                job.destroyForcibly();  // SIGKILL on Unix: no shutdown hook, no cleanup
                return hits;
            }
            if (!job.isAlive()) {
                fail("the job ended before it could be killed mid-wave (exit " + job.exitValue() + ")");
            }
            Thread.sleep(10);
        }
        job.destroyForcibly();
        throw new AssertionError("the job never reached the middle of its second wave");
    }

    private static void assertEveryIndexOnceBySpark(Path output) {
        SparkSession spark = LocalSpark.start("local[2]");
        try {
            Dataset<Row> rows = spark.read().parquet(output.toString());
            assertEquals(URLS, rows.count());
            assertEquals(URLS, rows.select("index").distinct().count());
            assertEquals(0, rows.where(col("index").lt(0).or(col("index").geq(URLS))).count());
            assertTrue(Arrays.asList(rows.columns()).containsAll(List.of("index", "url", "id", "status", "ok",
                    "attempts", "elapsed_ms", "bytes", "sha256", "content_type", "final_url", "error")));
        } finally {
            spark.stop();
        }
    }

    /** Starts the job jar with Spark's jars before it on the classpath, as spark-submit does. */
    private static Process start(List<String> args, Path log) throws IOException {
        String sparkClasspath = Files.readString(jobJar().resolveSibling("spark-classpath.txt")).strip();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(System.getProperty("salvo.spark.jvmOptions").trim().split("\\s+")));
        command.add("-Dsalvo.resolver=jdk");
        command.add("-Djdk.net.hosts.file=" + System.getProperty("salvo.hostsFile"));
        command.add("-cp");
        command.add(sparkClasspath + java.io.File.pathSeparator + jobJar());
        command.add("dev.salvo.spark.FetchJob");
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().put("SPARK_LOCAL_HOSTNAME", "localhost");
        return builder.start();
    }

    private static Path jobJar() {
        return Path.of(System.getProperty("salvo.spark.jar"));
    }
}
