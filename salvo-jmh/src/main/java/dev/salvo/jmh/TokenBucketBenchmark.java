package dev.salvo.jmh;

import dev.salvo.internal.policy.TokenBucket;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the dispatcher pays per request for a rate limit: {@link TokenBucket#nanosUntilAvailable}
 * then {@link TokenBucket#take}, against a synthetic clock that advances on every call (the
 * bucket never reads a clock itself).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-XX:+UseSerialGC")
@State(Scope.Thread)
public class TokenBucketBenchmark {

    /** 1,000,000 requests a second: one token every microsecond. */
    private static final double RATE = 1_000_000;

    private TokenBucket bucket;
    private long now;

    @Setup
    public void setUp() {
        bucket = new TokenBucket(RATE, 1_000, 0);
        now = 0;
    }

    /** The clock moves 1 µs per request, exactly the rate: a token is always there. */
    @Benchmark
    public long admitted() {
        now += 1_000;
        long wait = bucket.nanosUntilAvailable(now);
        if (wait == 0) {
            bucket.take(now);
        }
        return wait;
    }

    /**
     * Requests come twice as fast as the rate (the clock moves 0.5 µs per request), so once the
     * burst is spent every one is told to wait. The caller waits out the answer, as the
     * dispatcher's timer would, asks again and takes the token.
     */
    @Benchmark
    public long throttled() {
        now += 500;
        long wait = bucket.nanosUntilAvailable(now);
        if (wait > 0) {
            now += wait;
            wait = bucket.nanosUntilAvailable(now);
        }
        bucket.take(now);
        return wait;
    }
}
