package dev.salvo;

import dev.salvo.internal.engine.RunImpl;
import dev.salvo.internal.transport.NetworkStack;
import dev.salvo.internal.transport.Transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Fetches many URLs concurrently under global and per-host limits, rate limits, timeouts,
 * retries and circuit breakers. Every request yields exactly one {@link FetchResult}.
 *
 * <pre>{@code
 * try (Salvo salvo = Salvo.create(SalvoConfig.builder().concurrency(128).perHost(8).build())) {
 *     List<FetchResult> results = salvo.fetchAll(List.of("https://example.com/a", "https://example.com/b"));
 * }
 * }</pre>
 *
 * <p>Limits apply per run. Connections are kept between runs of one instance. Thread-safe: runs
 * may be started from any thread. Close it to release its event loop and connections.
 */
public final class Salvo implements AutoCloseable {

    private static final String VERSION = readVersion();

    private final SalvoConfig config;
    private final NetworkStack network;
    private final Transport transport;
    private final Executor loop;
    /** Runs not yet ended, so that {@link #close()} can end them rather than strand them. */
    private final Set<RunImpl> active = ConcurrentHashMap.newKeySet();

    private Salvo(SalvoConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        // One event loop: all scheduling state lives on it, so the engine needs no locks. Reading
        // input and delivering results happen on other threads.
        this.network = new NetworkStack(config);
        this.transport = network.transport();
        this.loop = network.executor();
    }

    /** Creates an instance with its own event loop and connection pools. */
    public static Salvo create(SalvoConfig config) {
        return new Salvo(config);
    }

    /** The configuration this instance runs with. */
    public SalvoConfig config() {
        return config;
    }

    /**
     * Starts fetching {@code requests} and returns at once. Requests are read lazily, on a Salvo
     * thread, never more than the configured window ahead. {@code sink} gets each result on one
     * Salvo thread (never two at once) as it completes, or in input order when configured so.
     */
    public FetchRun start(Iterator<FetchRequest> requests, Consumer<FetchResult> sink) {
        Objects.requireNonNull(sink, "sink");
        RunImpl run = new RunImpl(config, transport, loop, requests);
        active.add(run);
        run.startFeeding();
        Thread deliverer = new Thread(() -> {
            try {
                run.deliverResults(sink);
            } catch (RuntimeException e) {
                // Kept by the run and rethrown by FetchRun.await(), where the caller sees it.
            } finally {
                active.remove(run);
            }
        }, "salvo-results");
        deliverer.setDaemon(true);
        deliverer.start();
        return run;
    }

    /**
     * Fetches {@code requests} and calls {@code sink} on the calling thread with each result as it
     * completes (or in input order when configured so). Returns when every result has been given.
     * An interrupt of the calling thread stops the run: every request read so far still gets its
     * result, and the interrupt flag is set again on return. Throws what the iterator threw (a
     * null element included, as a {@link NullPointerException}) after the results read before it.
     */
    public void fetch(Iterator<FetchRequest> requests, Consumer<FetchResult> sink) {
        Objects.requireNonNull(sink, "sink");
        RunImpl run = new RunImpl(config, transport, loop, requests);
        active.add(run);
        try {
            run.startFeeding();
            run.deliverResults(sink);
        } finally {
            active.remove(run);
        }
    }

    /** {@link #fetch(Iterator, Consumer)} for a stream, read lazily. */
    public void fetch(Stream<FetchRequest> requests, Consumer<FetchResult> sink) {
        fetch(requests.iterator(), sink);
    }

    /**
     * Fetches every URL and returns the results in the order of {@code urls}, like
     * {@code asyncio.gather}. Holds all results in memory; for large inputs use
     * {@link #fetch(Iterator, Consumer)}. If the calling thread is interrupted the run stops, every
     * URL still gets its result (those not finished as {@link ErrorType#CANCELLED}), and the
     * thread's interrupt flag is set again on return.
     */
    public List<FetchResult> fetchAll(List<String> urls) {
        FetchResult[] results = new FetchResult[urls.size()];
        Iterator<FetchRequest> requests = new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < urls.size();
            }

            @Override
            public FetchRequest next() {
                int index = next++;
                return FetchRequest.of(index, urls.get(index));
            }
        };
        fetch(requests, result -> results[(int) result.index()] = result);
        // Only an interrupted call leaves URLs unread; they still get their one result.
        for (int i = 0; i < results.length; i++) {
            if (results[i] == null) {
                results[i] = FetchResult.failed(FetchRequest.of(i, urls.get(i)), 0, 0,
                        new FetchError(ErrorType.CANCELLED, "the call was interrupted before this URL was read"));
            }
        }
        return new ArrayList<>(Arrays.asList(results));
    }

    /**
     * The network stack on this machine, for {@code --version} and the run summary: the I/O
     * transport (epoll, io_uring or NIO) and the TLS implementation (OpenSSL or the JDK), e.g.
     * {@code "epoll, TLS by OpenSSL (BoringSSL)"}.
     */
    public static String networkStack() {
        return dev.salvo.internal.transport.NetworkStack.describe();
    }

    /**
     * {@link #networkStack()} as this process has used it, for a run's summary: the TLS
     * implementation is named only once some run has set TLS up, else {@code "TLS not used"}, so
     * that a plain-http run does not load the TLS library (extract, link, initialise) only to name it.
     */
    public static String networkStackUsed() {
        return dev.salvo.internal.transport.NetworkStack.describeUsed();
    }

    /** Salvo's version, as built. */
    public static String version() {
        return VERSION;
    }

    /**
     * Cancels runs still going (their remaining URLs end as {@code cancelled}), waits briefly for
     * them, then closes connections and stops the event loop; waits a few seconds at most.
     */
    @Override
    public void close() {
        for (RunImpl run : active) {
            run.cancel();
        }
        for (RunImpl run : active) {
            try {
                run.await(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                // The run's own caller sees its failure; closing goes on.
            }
        }
        network.close();
    }

    private static String readVersion() {
        try (InputStream in = Salvo.class.getResourceAsStream("salvo-version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "dev");
            return version.startsWith("${") ? "dev" : version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
