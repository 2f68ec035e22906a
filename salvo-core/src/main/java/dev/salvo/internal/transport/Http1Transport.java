package dev.salvo.internal.transport;

import dev.salvo.ErrorType;
import dev.salvo.SalvoConfig;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.NetUtil;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Cleartext HTTP/1.1 straight on Netty, on the engine's own event loop: no thread hops and a few
 * microseconds of CPU per request. Measured here against nginx on loopback it used about a third
 * of the CPU per request of Vert.x's full client, which is why plain http takes this path. TLS
 * (with ALPN for HTTP/2) and HTTP/2 prior knowledge stay on {@link VertxTransport}.
 *
 * <p>Keep-alive connections are pooled per host and port ({@link Http1Pool}), and idle ones are
 * capped over all hosts ({@link IdleConnections}). Host names are
 * resolved asynchronously by Vert.x's resolver, never on the event loop.
 *
 * <p>Confined to the engine's event-loop thread.
 */
final class Http1Transport implements Transport {

    /** Idle keep-alive connections are closed after this, before servers typically do. */
    private static final int IDLE_SECONDS = 30;

    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final long maxBody;
    private final boolean keepBodies;
    private final boolean compressed;
    private final boolean keepHeaders;
    private final int perHost;
    private final Map<String, Http1Pool> pools = new HashMap<>();
    private final IdleConnections allIdle;
    private final Supplier<AddressResolverGroup<InetSocketAddress>> resolver;

    /**
     * @param resolver supplies the host-name resolver when the first host name (not an IP
     *                 literal) is met; it is not created before
     */
    Http1Transport(EventLoop loop, io.netty.channel.ChannelFactory<? extends Channel> channels,
                   Supplier<AddressResolverGroup<InetSocketAddress>> resolver, SalvoConfig config) {
        this.loop = loop;
        this.resolver = resolver;
        this.maxBody = config.maxBody();
        this.keepBodies = config.keepBodies();
        this.compressed = config.compressed();
        this.keepHeaders = config.keepHeaders();
        this.perHost = config.perHost();
        this.allIdle = new IdleConnections(config.maxIdleConnections());
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channelFactory(channels)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        (int) Math.min(Integer.MAX_VALUE, Math.max(1, config.connectTimeout().toMillis())));
    }

    @Override
    public InFlight send(Exchange exchange, Consumer<Outcome> done) {
        Http1Call call = new Http1Call(exchange, done);
        long timeoutMillis = exchange.timeoutMillis();
        call.timeout = loop.schedule(() -> call.abort(ErrorType.TIMEOUT,
                "no complete response within " + timeoutMillis + " ms"), timeoutMillis, TimeUnit.MILLISECONDS);
        Http1Pool pool = poolFor(exchange.target().hostKey());
        Http1Connection idle = pool.takeIdle();
        if (idle != null) {
            idle.start(call);
        } else {
            connect(pool, call);
        }
        return call;
    }

    private void connect(Http1Pool pool, Http1Call call) {
        pool.opening();
        Http1Connection connection = new Http1Connection(pool, maxBody, keepBodies, compressed, keepHeaders,
                this::reconnect);
        Bootstrap configured = bootstrap.clone().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel channel) {
                channel.pipeline().addLast(new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS));
                connection.addTo(channel.pipeline());
            }
        });
        var target = call.exchange.target();
        // An IP literal needs no lookup; skipping the resolver also spares building it at all
        // in runs that only ever see addresses.
        java.net.InetAddress literal = NetUtil.createInetAddressFromIpAddressString(target.connectHost());
        InetSocketAddress remote;
        if (literal != null) {
            configured.disableResolver();
            remote = new InetSocketAddress(literal, target.port());
        } else {
            configured.resolver(resolver.get());
            remote = InetSocketAddress.createUnresolved(target.connectHost(), target.port());
        }
        configured.connect(remote)
                .addListener(connected -> {
                    if (!connected.isSuccess()) {
                        // It never became active, so channelInactive will not count it down.
                        pool.closed(null);
                        call.finish(FailureClassifier.classify(connected.cause()));
                    } else if (call.isFinished()) {
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
