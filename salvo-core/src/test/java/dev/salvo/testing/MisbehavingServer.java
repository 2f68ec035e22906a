package dev.salvo.testing;

import dev.salvo.TimeSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLSocketFactory;

/**
 * A real HTTP/1.1 server on a loopback address and an ephemeral port that misbehaves on purpose,
 * and counts what it sees, for integration tests. One server serves every case at once, chosen by
 * path (numbers in braces are path segments; {@code ...} is any suffix, ignored):
 *
 * <table>
 * <caption>Built-in routes</caption>
 * <tr><td>{@code /ok/...}</td><td>200, text body naming the target</td></tr>
 * <tr><td>{@code /status/{code}/...}</td><td>that status (200-599), small body</td></tr>
 * <tr><td>{@code /echo/...}</td><td>200, body lists request line, headers, body</td></tr>
 * <tr><td>{@code /gate/...}</td><td>held until {@link #openGate()}, then 200</td></tr>
 * <tr><td>{@code /slow/{millis}/...}</td><td>waits, then 200</td></tr>
 * <tr><td>{@code /slowbody/{millis}/...}</td><td>headers at once, body trickled over millis</td></tr>
 * <tr><td>{@code /reset/...}</td><td>reads the request, then TCP RST</td></tr>
 * <tr><td>{@code /close/...}</td><td>reads the request, then EOF, no response</td></tr>
 * <tr><td>{@code /garbage/...}</td><td>a non-HTTP status line, then EOF</td></tr>
 * <tr><td>{@code /429/{seconds}/...}</td><td>429, {@code Retry-After: seconds}</td></tr>
 * <tr><td>{@code /429date/{seconds}/...}</td><td>429, Retry-After as HTTP-date from the injected clock</td></tr>
 * <tr><td>{@code /flaky/{n}/...}</td><td>503 for the first n requests to that exact path, then 200</td></tr>
 * <tr><td>{@code /redirect/{n}/...}</td><td>302 to {@code /redirect/{n-1}/...}; 200 at 0</td></tr>
 * <tr><td>{@code /loop/...}</td><td>302 to itself</td></tr>
 * <tr><td>{@code /redirect-to?url=U[&status=30x]}</td><td>302 (or the status) to URL-decoded U</td></tr>
 * <tr><td>{@code /bytes/{n}}</td><td>200, n {@link BodyPattern} bytes, Content-Length, streamed</td></tr>
 * <tr><td>{@code /bytes-chunked/{n}}</td><td>the same, chunked</td></tr>
 * <tr><td>anything else</td><td>404</td></tr>
 * </table>
 *
 * <p>Add misbehaviours with {@link #route(String, Handler)}. Requests on a connection are served
 * in turn (keep-alive, {@code Connection: close} honoured); connections are served concurrently,
 * each on its own virtual thread. Every blocking read times out (30 s by default), and
 * {@link #close()} stops everything promptly, waits included.
 *
 * <p>Several servers on {@code 127.0.0.1}, {@code 127.0.0.2}, ... act as several hosts; give
 * them one {@link SharedInflight} to measure in-flight requests across hosts.
 *
 * <p>Thread-safe.
 */
public final class MisbehavingServer implements AutoCloseable {

    private static final Duration JOIN_ON_CLOSE = Duration.ofSeconds(2);

    private final ServerSocket serverSocket;
    private final SSLSocketFactory tls;
    private final TestCertificate certificate;
    private final Router router = new Router();
    private final Gate gate;
    private final ServerStats stats;
    private final Duration readTimeout;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
    private final Set<Thread> connectionThreads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionIds = new AtomicInteger();
    private final Thread acceptor;

    private MisbehavingServer(Builder builder) throws IOException {
        InetAddress address = InetAddress.getByName(builder.address);
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("test servers bind to loopback only, not " + builder.address);
        }
        this.certificate = builder.tls ? TestCertificate.forAddress(address.getHostAddress()) : null;
        this.tls = builder.tls ? certificate.serverContext().getSocketFactory() : null;
        this.stats = new ServerStats(builder.sharedInflight, builder.retainRequests);
        this.readTimeout = builder.readTimeout;
        this.gate = new Gate(builder.readTimeout);
        BuiltInRoutes.install(router, builder.wallClockMillis);
        router.add("/gate", gate::handle);
        builder.routes.forEach(route -> router.add(route.prefix(), route.handler()));
        // A deep backlog, so a test opening hundreds of connections at once is not slowed by SYN retries.
        this.serverSocket = new ServerSocket(0, 1024, address);
        this.acceptor = Thread.ofVirtual().name("misbehaving-accept-" + port()).start(this::acceptLoop);
    }

    /** Starts a plain HTTP server on 127.0.0.1. */
    public static MisbehavingServer start() throws IOException {
        return builder().start();
    }

    /** Starts a plain HTTP server on the given loopback address, e.g. {@code "127.0.0.2"}. */
    public static MisbehavingServer start(String loopbackAddress) throws IOException {
        return builder().address(loopbackAddress).start();
    }

    /** Starts an HTTPS server on 127.0.0.1 with a self-signed certificate (see {@link #certificate()}). */
    public static MisbehavingServer https() throws IOException {
        return builder().tls(true).start();
    }

    /** Starts an HTTPS server on the given loopback address with a self-signed certificate for it. */
    public static MisbehavingServer https(String loopbackAddress) throws IOException {
        return builder().address(loopbackAddress).tls(true).start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Returns e.g. {@code http://127.0.0.2:34567}, without a trailing slash. */
    public String baseUrl() {
        return (tls != null ? "https" : "http") + "://" + host() + ":" + port();
    }

    /** Returns {@link #baseUrl()} followed by {@code pathAndQuery}, which must start with '/'. */
    public URI url(String pathAndQuery) {
        if (!pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + pathAndQuery);
        }
        return URI.create(baseUrl() + pathAndQuery);
    }

    public String host() {
        return serverSocket.getInetAddress().getHostAddress();
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** Installs (or replaces) the handler for a path prefix; takes effect for the next request. */
    public MisbehavingServer route(String prefix, Handler handler) {
        router.add(prefix, Objects.requireNonNull(handler));
        return this;
    }

    /** Lets every {@code /gate/...} request through, held ones and later ones, until {@link #closeGate()}. */
    public void openGate() {
        gate.open();
    }

    /** Holds {@code /gate/...} requests again (the initial state). Requests already let through are unaffected. */
    public void closeGate() {
        gate.close();
    }

    /** The self-signed certificate of an HTTPS server; throws for a plain one. */
    public TestCertificate certificate() {
        if (certificate == null) {
            throw new IllegalStateException("not an HTTPS server: " + baseUrl());
        }
        return certificate;
    }

    /** Total requests read since start or the last reset. */
    public long requestCount() {
        return stats.requestCount();
    }

    /** Requests read for exactly this path (no query) since start or the last reset. */
    public int requestCount(String path) {
        return stats.requestCount(path);
    }

    /** The most recent requests (up to the builder's retain limit), oldest first. */
    public List<RecordedRequest> requests() {
        return stats.recentRequests();
    }

    /** The retained requests for exactly this path (no query), oldest first. */
    public List<RecordedRequest> requests(String path) {
        return stats.recentRequests().stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The most recent request; throws if none was retained. */
    public RecordedRequest lastRequest() {
        List<RecordedRequest> all = stats.recentRequests();
        if (all.isEmpty()) {
            throw new IllegalStateException("no requests received by " + baseUrl());
        }
        return all.get(all.size() - 1);
    }

    /** Requests in flight on this server now; see {@link SharedInflight} for the exact definition. */
    public int inflight() {
        return stats.inflight().current();
    }

    /** The most requests in flight on this server at once since start or the last reset. */
    public int peakInflight() {
        return stats.inflight().peak();
    }

    /** This server's own in-flight gauge (not the shared one), for {@link SharedInflight#awaitCurrent}. */
    public SharedInflight inflightGauge() {
        return stats.inflight();
    }

    /** TCP connections accepted since start or the last reset; fewer than requests means reuse. */
    public int connectionCount() {
        return stats.connectionCount();
    }

    /**
     * Clears request and connection counts and retained requests, and resets the peak in-flight
     * to the current in-flight. Does not touch a {@link SharedInflight} or {@code /flaky} state.
     */
    public void resetCounters() {
        stats.reset();
    }

    /** Waits (real time, bounded) until at least {@code n} requests have been read. */
    public boolean awaitRequestCount(long n, Duration timeout) throws InterruptedException {
        return stats.awaitRequestCount(n, timeout);
    }

    /**
     * Stops accepting, closes every open connection (cutting short pauses and blocked reads and
     * writes), and waits briefly for the server's threads to finish. Idempotent.
     */
    @Override
    public void close() {
        if (closed.getCount() == 0) {
            return;
        }
        closed.countDown();   // before closing sockets: see acceptLoop for the race this settles
        gate.abort();
        closeQuietly(serverSocket);
        openSockets.forEach(MisbehavingServer::closeQuietly);
        long deadline = System.nanoTime() + JOIN_ON_CLOSE.toNanos();
        List<Thread> threads = new ArrayList<>(connectionThreads);
        threads.add(acceptor);
        for (Thread thread : threads) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
                    break;   // closing never blocks a test for long; stragglers die with their sockets
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public String toString() {
        return "MisbehavingServer[" + baseUrl() + ", " + stats.inflight() + "]";
    }

    private void acceptLoop() {
        while (closed.getCount() > 0) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                return;   // closed, or the socket failed: either way, no more connections
            }
            openSockets.add(socket);
            // close() marks closed before it walks openSockets; checking after adding means a
            // socket accepted during close() is closed by one side or the other, never leaked.
            if (closed.getCount() == 0) {
                closeQuietly(socket);
                return;
            }
            stats.connectionAccepted();
            int id = connectionIds.incrementAndGet();
            ConnectionLoop loop = new ConnectionLoop(socket, id, tls, router, stats, readTimeout, closed);
            Thread thread = Thread.ofVirtual().name("misbehaving-" + port() + "-conn-" + id).unstarted(() -> {
                try {
                    loop.run();
                } finally {
                    openSockets.remove(socket);
                    connectionThreads.remove(Thread.currentThread());
                }
            });
            connectionThreads.add(thread);
            thread.start();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Closing is best effort; the socket is unusable either way.
        }
    }

    /** Configures a server; every setting has a default. Not thread-safe. */
    public static final class Builder {
        private String address = "127.0.0.1";
        private boolean tls;
        private LongSupplier wallClockMillis = System::currentTimeMillis;
        private SharedInflight sharedInflight;
        private Duration readTimeout = Duration.ofSeconds(30);
        private int retainRequests = 10_000;
        private final List<Route> routes = new ArrayList<>();

        private Builder() {
        }

        /** A loopback address to bind: 127.0.0.1 (default), 127.0.0.2, ... */
        public Builder address(String loopbackAddress) {
            this.address = Objects.requireNonNull(loopbackAddress);
            return this;
        }

        /** Serve HTTPS with a self-signed certificate for the address. Default: plain HTTP. */
        public Builder tls(boolean tls) {
            this.tls = tls;
            return this;
        }

        /** The wall clock for HTTP-dates ({@code /429date}). Default: the system clock. */
        public Builder wallClock(LongSupplier epochMillis) {
            this.wallClockMillis = Objects.requireNonNull(epochMillis);
            return this;
        }

        /** Uses {@link TimeSource#epochMillis()} as the wall clock, e.g. a {@link FakeTime}. */
        public Builder wallClock(TimeSource time) {
            return wallClock(time::epochMillis);
        }

        /** A gauge shared with other servers, counting in-flight requests across all of them. */
        public Builder sharedInflight(SharedInflight gauge) {
            this.sharedInflight = Objects.requireNonNull(gauge);
            return this;
        }

        /** How long any blocking read may wait before the connection is dropped. Default 30 s. */
        public Builder readTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("read timeout must be positive and bounded: " + timeout);
            }
            this.readTimeout = timeout;
            return this;
        }

        /** How many recent requests to keep whole for {@link #requests()}. Default 10,000. */
        public Builder retainRequests(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("must retain at least one request: " + count);
            }
            this.retainRequests = count;
            return this;
        }

        /** Adds a route, replacing a built-in one with the same prefix. */
        public Builder route(String prefix, Handler handler) {
            routes.add(new Route(prefix, Objects.requireNonNull(handler)));
            return this;
        }

        public MisbehavingServer start() throws IOException {
            return new MisbehavingServer(this);
        }
    }

    private record Route(String prefix, Handler handler) {
    }
}
