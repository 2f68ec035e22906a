package dev.salvo.jmh;

import dev.salvo.internal.url.Target;

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
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link Target#parse}, which the feeder thread runs once per input line before the engine sees
 * the request. Cycles through 1,024 distinct URLs of one shape, as an input file would hold.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-XX:+UseSerialGC")
@State(Scope.Thread)
public class TargetParseBenchmark {

    /**
     * {@code loopback}: the benchmark suite's URLs ({@code http://127.0.0.1:18080/s/000000042});
     * {@code web}: a typical crawl URL with a host name, a deeper path and a query. Both are in
     * normal form, which {@code Target} takes as they are; {@code idn}: an internationalised host
     * name in mixed case, which takes the full parse (IDNA).
     */
    @Param({"loopback", "web", "idn"})
    public String shape;

    private String[] urls;
    private int next;

    @Setup
    public void setUp() {
        urls = new String[1024];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = switch (shape) {
                case "loopback" -> "http://127.0.0.1:18080/s/%09d".formatted(i);
                case "web" -> "https://www.example.com/catalogue/books/item-%d.html?ref=list&page=%d&lang=en"
                        .formatted(i, i % 17);
                case "idn" -> "https://B\u00fccher.Example/katalog/%d?seite=%d".formatted(i, i % 17);
                default -> throw new IllegalArgumentException(shape);
            };
        }
    }

    @Benchmark
    public Target parse() throws Target.InvalidUrlException {
        String url = urls[next];
        next = (next + 1) & (urls.length - 1);
        return Target.parse(url);
    }
}
