package dev.salvo.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The job run in-process on local Spark. Above all, politeness across tasks: 64 loopback hosts,
 * four tasks at once, --per-host 2. Every host lives in one task, so no host ever sees more than
 * 2 requests at once although the job as a whole has many more in flight, and no action fetches
 * twice. Also: refusals and the resume check, JSON Lines output, Parquet input.
 */
@Timeout(300)
class FetchJobTest {

    private static final int HOSTS = 64;
    private static final int URLS_PER_HOST = 6;

    @TempDir
    Path dir;

    @Test
    void perHostCapHoldsAcrossTasksAndEveryUrlIsFetchedOnce() throws Exception {
        try (HostsServer server = new HostsServer(HOSTS, 40)) {
            Path input = dir.resolve("urls.txt");
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < HOSTS * URLS_PER_HOST; i++) {
                lines.add(server.base(i % HOSTS) + "/ok/" + i);
            }
            Files.write(input, lines);
            Path output = dir.resolve("out");
            String[] job = {"--master", "local[4]", "--per-host", "2", "--retries", "0", "--wave-size", "200",
                    "--output", output.toString(), input.toString()};

            assertEquals(0, FetchJob.run(job));

            for (int h = 0; h < HOSTS; h++) {
                assertTrue(server.peak(h) <= 2, "host " + h + " saw " + server.peak(h) + " requests at once");
                assertTrue(server.peak(h) >= 1, "host " + h + " was fetched");
            }
            assertTrue(server.totalPeak() > 2, "the job as a whole ran more than 2 at once: " + server.totalPeak());
            for (int i = 0; i < lines.size(); i++) {
                assertEquals(1, server.hits("/ok/" + i), "fetched exactly once: /ok/" + i);
            }
            Duck.IndexStats stats = Duck.indexStats(output);
            assertEquals(new Duck.IndexStats(lines.size(), lines.size(), 0, lines.size() - 1), stats);
            assertEquals(lines.size(), Duck.count(output, "ok AND status = 200 AND error IS NULL"));

            // The finished output is refused without --resume, and resuming it fetches nothing.
            String refused = stderrOf(job);
            assertTrue(refused.contains("already holds results") && refused.contains("--resume"), refused);
            int hits = server.totalHits();
            String[] resume = {"--resume", "--master", "local[2]", "--output", output.toString(), input.toString()};
            assertEquals(0, FetchJob.run(resume));
            assertEquals(hits, server.totalHits(), "a resumed complete run fetches nothing");

            // Resuming from another input is refused.
            Files.write(input, lines.subList(0, 10));
            String changed = stderrOf(resume);
            assertTrue(changed.contains("differs from the input"), changed);
        }
    }

    @Test
    void jsonLinesOutputHasSalvoFetchFieldsWithNullsWritten() throws Exception {
        try (HostsServer server = new HostsServer(2, 1)) {
            Path input = dir.resolve("urls.txt");
            List<String> lines = new ArrayList<>(List.of("# comment", server.base(0) + "/ok/0", "",
                    "{\"url\": \"" + server.base(1) + "/ok/1\", \"id\": 42}", "not a url"));
            for (int i = 3; i < 12; i++) {
                lines.add(server.base(0) + "/ok/" + i);  // mostly one host: the log must say so
            }
            Files.write(input, lines);
            Path output = dir.resolve("out");
            String log = stderrOf(0, "--master", "local[2]", "--format", "jsonl", "--retries", "0",
                    "--output", output.toString(), input.toString());
            assertTrue(log.contains("holds 10 of 12 URLs") && log.contains("runs at that host's limit"), log);
            List<String> records = new ArrayList<>();
            try (var files = Files.list(output.resolve("wave=0"))) {
                for (Path part : files.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                    records.addAll(Files.readAllLines(part));
                }
            }
            assertEquals(12, records.size(), String.join("\n", records));
            String all = String.join("\n", records);
            assertTrue(all.contains("\"index\":1,\"url\":\"" + server.base(1) + "/ok/1\",\"id\":\"42\",\"status\":200,\"ok\":true"), all);
            assertTrue(all.contains("\"index\":2,\"url\":\"not a url\",\"id\":null,\"status\":null,\"ok\":false,\"attempts\":0"), all);
            assertTrue(all.contains("\"error\":{\"type\":\"invalid_url\""), all);
        }
    }

    /**
     * A JSON input line's method, headers and body reach the server as {@code salvo fetch} sends
     * them, and a line with a field Salvo does not know gets an invalid_input row and no request.
     * (Before, the job kept only url and id: every line was a GET, the unknown field was fetched.)
     */
    @Test
    void jsonLinesCarryTheirRequestsAndInvalidLinesAreNotFetched() throws Exception {
        try (HostsServer server = new HostsServer(2, 1)) {
            Path input = dir.resolve("requests.jsonl");
            Files.write(input, List.of(
                    "{\"url\": \"" + server.base(0) + "/ok/post\", \"method\": \"POST\","
                            + " \"headers\": {\"X-Test\": \"line\"}, \"body\": \"hello\"}",
                    "{\"url\": \"" + server.base(1) + "/ok/put\", \"method\": \"PUT\", \"body_base64\": \"d29ybGQ=\"}",
                    "{\"url\": \"" + server.base(0) + "/ok/params\", \"params\": {\"q\": \"a b\"}}",
                    "{\"url\": \"" + server.base(1) + "/ok/unknown\", \"mehtod\": \"POST\"}",
                    server.base(0) + "/ok/plain"));
            Path output = dir.resolve("out");

            assertEquals(0, FetchJob.run("--master", "local[2]", "--retries", "0", "--header", "X-Test: job",
                    "--output", output.toString(), input.toString()));

            assertEquals("POST X-Test=line hello", server.request("/ok/post"));
            assertEquals("PUT X-Test=job world", server.request("/ok/put"));
            assertEquals("GET X-Test=job ", server.request("/ok/params"));
            assertEquals("GET X-Test=job ", server.request("/ok/plain"));
            assertEquals(0, server.hits("/ok/unknown"), "a line with an unknown field is not fetched");
            assertEquals(1, Duck.count(output, "index = 2 AND url LIKE '%/ok/params?q=a+b' AND ok"));
            assertEquals(1, Duck.count(output, "index = 3 AND error.type = 'invalid_input'"
                    + " AND error.message LIKE '%mehtod%' AND attempts = 0"));
            assertEquals(new Duck.IndexStats(5, 5, 0, 4), Duck.indexStats(output));
        }
    }

    @Test
    void parquetInputKeepsItsIndexesAndIds() throws Exception {
        try (HostsServer server = new HostsServer(2, 1)) {
            Path input = dir.resolve("urls.parquet");
            SparkSession spark = LocalSpark.start("local[2]");
            StructType schema = DataTypes.createStructType(List.of(
                    DataTypes.createStructField("index", DataTypes.LongType, false),
                    DataTypes.createStructField("url", DataTypes.StringType, true),
                    DataTypes.createStructField("id", DataTypes.IntegerType, true)));
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                rows.add(RowFactory.create(100L + i, server.base(i % 2) + "/ok/" + i, 7 * i));
            }
            rows.add(RowFactory.create(105L, "mailto:someone@example.com", 35));
            spark.createDataFrame(rows, schema).coalesce(1).write().parquet(input.toString());
            Path output = dir.resolve("out");

            // The job takes over the running session and stops it at the end.
            assertEquals(0, FetchJob.run("--master", "local[2]", "--retries", "0", "--output", output.toString(),
                    input.toString()));

            assertEquals(new Duck.IndexStats(6, 6, 100, 105), Duck.indexStats(output));
            assertEquals(5, Duck.count(output, "ok AND id = CAST(7 * (index - 100) AS VARCHAR)"));
            assertEquals(1, Duck.count(output, "index = 105 AND error.type = 'invalid_url' AND id = '35'"));
        }
    }

    /** Runs the job expecting exit status 2 and returns what it said on standard error. */
    private static String stderrOf(String... args) {
        return stderrOf(2, args);
    }

    /** Runs the job expecting {@code status} and returns what it said on standard error. */
    private static String stderrOf(int status, String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(status, FetchJob.run(args));
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
