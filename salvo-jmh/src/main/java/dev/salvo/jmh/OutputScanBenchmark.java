package dev.salvo.jmh;

import dev.salvo.cli.resume.OutputScan;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link OutputScan#of}, which {@code --resume} runs over the previous output before a run starts:
 * one whole scan of a JSON Lines file of {@code records} records of about 80 bytes each (10,000,000
 * records is about 0.8 GB, written once per trial to the temporary directory and deleted after).
 * Single-shot: one operation is one whole scan, as a resume does it; the page cache is warm.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = "-XX:+UseSerialGC")
@State(Scope.Benchmark)
public class OutputScanBenchmark {

    @Param({"10000000"})
    public long records;

    private Path file;

    @Setup
    public void writeFile() throws IOException {
        file = Files.createTempFile("salvo-output-scan-", ".jsonl");
        byte[] head = "{\"index\":".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ",\"url\":\"http://example.com/\",\"status\":200,\"ok\":true,\"error\":null}\n"
                .getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (long i = 0; i < records; i++) {
                out.write(head);
                out.write(Long.toString(i).getBytes(StandardCharsets.US_ASCII));
                out.write(tail);
            }
        }
    }

    @Benchmark
    public OutputScan scan() throws IOException {
        OutputScan scan = OutputScan.of(file);
        if (scan.finished().count() != records) {
            // A scan that lost records is not a result worth timing.
            throw new IllegalStateException("scanned " + scan.finished().count() + " of " + records + " records");
        }
        return scan;
    }

    @TearDown
    public void deleteFile() throws IOException {
        Files.deleteIfExists(file);
    }
}
