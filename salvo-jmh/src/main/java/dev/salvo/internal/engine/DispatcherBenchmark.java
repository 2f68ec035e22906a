package dev.salvo.internal.engine;

import dev.salvo.FetchRequest;
import dev.salvo.FetchResult;
import dev.salvo.SalvoConfig;
import dev.salvo.SalvoEvent;
import dev.salvo.TimeSource;
import dev.salvo.internal.transport.Exchange;
import dev.salvo.internal.transport.Outcome;
import dev.salvo.internal.transport.Transport;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's own cost per request, without a network: {@link Dispatcher#admit}, the scheduling
 * that starts the request, the outcome's verdict, and the result handed to the sink.
 *
 * <p>The transport completes every exchange with a 200 at once, but on a later turn of a fake
 * event loop (a queue this thread drains), as a real transport does; completing inside
 * {@code send} would re-enter the dispatcher. No timer is ever scheduled, as nothing is
 * rate-limited, retried or paused. The listener keeps the last event, so
 * events are built as they would be for the command line's progress listener.
 *
 * <p>Lives in the engine's package because {@link Dispatcher} and {@link Job} are package-private.
 * One operation is one request; each invocation admits {@value #BATCH} fresh jobs at once (built
 * before the timer starts, URL parsing included: that is the feeder thread's work, measured by
 * {@code TargetParseBenchmark}) and runs the loop until all have their results.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-XX:+UseSerialGC")
@State(Scope.Thread)
public class DispatcherBenchmark {

    static final int BATCH = 4096;

    /**
     * {@code 1}: one host, concurrency 256 and per-host 256 (the suite's S1-c256);
     * {@code 64}: 64 hosts, concurrency 256 and per-host 8 (S5);
     * {@code 4096}: every URL its own host (a crawl), concurrency 256 and per-host 8, so each
     * request also creates and later forgets its host's state.
     */
    @Param({"1", "64", "4096"})
    public int hosts;

    /**
     * {@code system}: the real clock ({@link TimeSource#system()}), as in a run: its reads are part
     * of the per-request cost. {@code fake}: a counter that moves 1 µs per read, which shows how
     * much of that cost the clock reads are.
     */
    @Param({"system", "fake"})
    public String clock;

    private static final Outcome OK = new Outcome.Response(200, "text/html", null, null, 1024,
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", null);
    private static final Transport.InFlight NOT_ABORTABLE = (type, message) -> { };

    /** The fake event loop: completions and anything the dispatcher hands to its executor. */
    private final ArrayDeque<Runnable> loop = new ArrayDeque<>();
    private Dispatcher dispatcher;
    private FetchRequest[] requests;
    private List<Job> batch;
    private long nextSeq;
    private int delivered;
    private FetchResult lastResult;
    private long events;
    private SalvoEvent lastEvent;

    @Setup(Level.Trial)
    public void setUp() {
        SalvoConfig config = SalvoConfig.builder()
                .concurrency(256)
                .perHost(hosts == 1 ? 256 : 8)
                .timeSource(clock.equals("system") ? TimeSource.system() : new CountingClock())
                .listener(event -> {
                    events++;
                    lastEvent = event;
                })
                .build();
        Transport transport = new Transport() {
            @Override
            public InFlight send(Exchange exchange, Consumer<Outcome> done) {
                loop.addLast(() -> done.accept(OK));
                return NOT_ABORTABLE;
            }

            @Override
            public void close() {
            }
        };
        dispatcher = new Dispatcher(config, transport, loop::addLast, (seq, result) -> {
            delivered++;
            lastResult = result;
        });
        requests = new FetchRequest[BATCH];
        for (int i = 0; i < BATCH; i++) {
            // Names, not addresses, for the many-host case: nothing is resolved, nothing is sent.
            String host = hosts <= 64 ? "127.0.0." + (1 + i % hosts) : "h" + (i % hosts) + ".example";
            requests[i] = FetchRequest.of(i, "http://" + host + ":18080/s/%09d".formatted(i));
        }
    }

    @Setup(Level.Invocation)
    public void nextBatch() {
        batch = new ArrayList<>(BATCH);
        for (FetchRequest request : requests) {
            batch.add(Job.admit(request, nextSeq++));
        }
        delivered = 0;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public FetchResult request() {
        dispatcher.admit(batch);
        Runnable task;
        while ((task = loop.pollFirst()) != null) {
            task.run();
        }
        if (delivered != BATCH || dispatcher.inFlight() != 0) {
            throw new IllegalStateException("delivered " + delivered + " of " + BATCH + ", " + dispatcher.inFlight()
                    + " still in flight");
        }
        return lastResult;
    }

    /** Time that moves only when read; never asked to schedule here, since nothing waits. */
    private static final class CountingClock implements TimeSource {
        private long nanos;

        @Override
        public long nanoTime() {
            return nanos += 1_000;
        }

        @Override
        public long epochMillis() {
            return 1_700_000_000_000L + nanos / 1_000_000;
        }

        @Override
        public Cancellable schedule(long delayNanos, Runnable task) {
            throw new UnsupportedOperationException("nothing should wait in this benchmark");
        }
    }
}
