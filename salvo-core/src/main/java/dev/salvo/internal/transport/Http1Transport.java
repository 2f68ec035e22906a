package dev.salvo.internal.transport;

import dev.salvo.ErrorType;
import dev.salvo.SalvoConfig;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * HTTP/1.1 straight on Netty, on the engine's own event loop: no thread hops and a few
 * microseconds of CPU per request. Carries plain http and those https hosts whose servers chose
 * http/1.1 by ALPN ({@link Http2Transport} learns that on the first connection and hands such
 * hosts over). Connections are opened by the {@link Dialer} (all addresses, Happy Eyeballs, TLS).
 *
 * <p>Keep-alive connections are pooled per host and port ({@link Http1Pool}), and idle ones are
 * capped over all hosts ({@link IdleConnections}).
 *
 * <p>Confined to the engine's event-loop thread.
 */
final class Http1Transport implements Transport {

    /** Idle keep-alive connections are closed after this, before servers typically do. */
    private static final int IDLE_SECONDS = 30;

    private final EventLoop loop;
    private final Dialer dialer;
    private final long maxBody;
    private final boolean keepBodies;
    private final boolean compressed;
    private final boolean keepHeaders;
    private final int perHost;
    /** With captured exchanges: most raw bytes kept per direction (the body cap plus the header limits). */
    private final long captureLimit;
    private final Map<String, Http1Pool> pools = new HashMap<>();
    private final IdleConnections allIdle;
    /** Told when an https host this transport dialed chose HTTP/2 after all. */
    private final Consumer<String> choseHttp2;

    Http1Transport(EventLoop loop, Dialer dialer, SalvoConfig config, Consumer<String> choseHttp2) {
        this.loop = loop;
        this.dialer = dialer;
        this.maxBody = config.maxBody();
        this.keepBodies = config.keepBodies();
        this.compressed = config.compressed();
        this.keepHeaders = config.keepHeaders();
        this.allIdle = new IdleConnections(config.maxIdleConnections());
        this.perHost = config.perHost();
        // The body cap plus room for the status line, headers (Http1Connection bounds them at 80 KiB) and chunk framing.
        this.captureLimit = RawCapture.limit(config);
        this.choseHttp2 = choseHttp2;
    }

    @Override
    public InFlight send(Exchange exchange, Consumer<Outcome> done) {
        Http1Call call = newCall(exchange, done, System.nanoTime());
        Http1Pool pool = poolFor(exchange.target().hostKey());
        Http1Connection idle = pool.takeIdle();
        if (idle != null) {
            idle.start(call);
        } else {
            connect(pool, call);
        }
        return call;
    }

    /**
     * Sends {@code exchange} on {@code channel}, a fresh connection to its host that negotiated
     * http/1.1 (dialed by another transport); the connection then joins this host's pool.
     */
    InFlight adopt(Channel channel, Exchange exchange, Consumer<Outcome> done, long startedNanos) {
        Http1Call call = newCall(exchange, done, startedNanos);
        Http1Pool pool = poolFor(exchange.target().hostKey());
        pool.opening();
        Http1Connection connection = install(channel, pool);
        if (call.isFinished()) {
            pool.release(connection);
        } else {
            connection.start(call);
        }
        return call;
    }

    private Http1Call newCall(Exchange exchange, Consumer<Outcome> done, long startedNanos) {
        Http1Call call = new Http1Call(exchange, done, startedNanos);
        long timeoutMillis = exchange.timeoutMillis();
        call.timeout = loop.schedule(() -> call.abort(ErrorType.TIMEOUT,
                "no complete response within " + timeoutMillis + " ms"), timeoutMillis, TimeUnit.MILLISECONDS);
        return call;
    }

    private Http1Connection install(Channel channel, Http1Pool pool) {
        Http1Connection connection = new Http1Connection(pool, maxBody, keepBodies, compressed, keepHeaders,
                this::reconnect);
        channel.pipeline().remove(Dialer.DialGuard.class);
        channel.pipeline().addLast(new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS));
        // After TLS (when there is any), before the codec: the exchange's bytes as HTTP sees them.
        RawCapture.addIfCapturing(channel.pipeline(), captureLimit);
        connection.addTo(channel.pipeline());
        return connection;
    }

    private void connect(Http1Pool pool, Http1Call call) {
        pool.opening();
        dialer.dial(call.exchange.target()).addListener(dialing -> {
            if (!dialing.isSuccess()) {
                // It never became a connection, so channelInactive will not count it down.
                pool.closed(null);
                call.finish(FailureClassifier.classify(dialing.cause()));
                return;
            }
            Dialer.Dialed dialed = (Dialer.Dialed) dialing.getNow();
            if (dialed.http2()) {
                // The host was learned as HTTP/1.1 but now chose HTTP/2: let the engine retry it
                // on the HTTP/2 transport.
                dialed.channel().close();
                pool.closed(null);
                choseHttp2.accept(call.exchange.target().hostKey());
                call.finish(new Outcome.Failure(ErrorType.RESET, "the server switched to HTTP/2; retrying"));
                return;
            }
            Http1Connection connection = install(dialed.channel(), pool);
            if (call.isFinished()) {
                pool.release(connection); // timed out or aborted while connecting
            } else {
                connection.start(call);
            }
        });
    }

    private void reconnect(Http1Call call) {
        connect(poolFor(call.exchange.target().hostKey()), call);
    }

    private Http1Pool poolFor(String hostKey) {
        Http1Pool pool = pools.get(hostKey);
        if (pool == null) {
            Http1Pool created = new Http1Pool(hostKey, perHost, allIdle, () -> pools.remove(hostKey));
            pools.put(hostKey, created);
            pool = created;
        }
        return pool;
    }

    @Override
    public void close() {
        for (Http1Pool pool : java.util.List.copyOf(pools.values())) {
            pool.closeIdle();
        }
        pools.clear();
    }
}
