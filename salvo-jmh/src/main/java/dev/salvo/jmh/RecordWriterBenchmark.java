package dev.salvo.jmh;

import dev.salvo.ErrorType;
import dev.salvo.FetchError;
import dev.salvo.FetchResult;
import dev.salvo.cli.output.RecordFormat;
import dev.salvo.cli.output.RecordWriter;

import java.io.OutputStream;
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
 * The command line's per-result output: one JSON Lines record formatted by {@link RecordFormat},
 * and written by {@link RecordWriter} (UTF-8 encoding, its 64 KiB buffer, a flush every 256
 * records) into {@link OutputStream#nullOutputStream()}, so no I/O is measured.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-XX:+UseSerialGC")
@State(Scope.Thread)
public class RecordWriterBenchmark {

    /** {@code ok}: a 200 with a 1 KiB body; {@code failed}: a 503 that ran out of retries. */
    @Param({"ok", "failed"})
    public String result;

    private FetchResult fetchResult;
    private RecordFormat format;
    private RecordWriter writer;

    @Setup
    public void setUp() {
        String url = "http://127.0.0.1:18080/s/000123456";
        fetchResult = switch (result) {
            case "ok" -> new FetchResult(123_456, url, null, 200, 1, 1_234_567, 1024,
                    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "text/html", url, null, null);
            case "failed" -> new FetchResult(123_456, url, null, 503, 4, 3_512_345_678L, 0, null, "text/html", url,
                    new FetchError(ErrorType.HTTP, "HTTP 503"), null);
            default -> throw new IllegalArgumentException(result);
        };
        format = new RecordFormat(false);
        writer = new RecordWriter(OutputStream.nullOutputStream(), new RecordFormat(false), null, false);
    }

    @TearDown
    public void tearDown() {
        writer.close();
    }

    /** Formatting alone: the record as a String. */
    @Benchmark
    public String format() {
        return format.format(fetchResult, null);
    }

    /** What the results thread does per result: format, encode to UTF-8, buffer, flush now and then. */
    @Benchmark
    public void write() {
        writer.write(fetchResult);
    }
}
