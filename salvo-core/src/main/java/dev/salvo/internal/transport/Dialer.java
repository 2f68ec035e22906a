package dev.salvo.internal.transport;

import dev.salvo.internal.url.Target;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslHandler;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Opens connections: resolves the host (all its addresses, IPv6 and IPv4), connects with
 * {@link HappyEyeballs}, then for https does the TLS handshake with the shared {@link ClientTls}
 * (SNI and session resumption per host and port) and reads what ALPN chose. The channel handed
 * back carries only the TLS handler; the caller installs HTTP/1.1 or HTTP/2 on it.
 *
 * <p>Confined to the engine's event-loop thread.
 */
final class Dialer {

    /** What a dial produced: a connected (and, for https, handshaken) channel and its protocol. */
    record Dialed(Channel channel, boolean http2) { }

    /**
     * How long a new connection took to make, phase by phase; set on the channel as
     * {@link #PHASES} for the first request on it to report (then taken off).
     */
    record Phases(long dnsNanos, long connectNanos, long tlsNanos) { }

    static final io.netty.util.AttributeKey<Phases> PHASES = io.netty.util.AttributeKey.valueOf("salvo.dialPhases");

    private static final DialGuard GUARD = new DialGuard();

    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final Supplier<AddressResolverGroup<InetSocketAddress>> resolver;
    private final Supplier<ClientTls> tls;
    private final long handshakeTimeoutMillis;
    private final HappyEyeballs.Timer timer;

    Dialer(EventLoop loop, Bootstrap bootstrap, Supplier<AddressResolverGroup<InetSocketAddress>> resolver,
           Supplier<ClientTls> tls, HappyEyeballs.Timer timer) {
        this.loop = loop;
        this.bootstrap = bootstrap.clone().handler(GUARD).disableResolver();
        this.resolver = resolver;
        this.tls = tls;
        Object connectTimeout = bootstrap.config().options().get(ChannelOption.CONNECT_TIMEOUT_MILLIS);
        this.handshakeTimeoutMillis = connectTimeout instanceof Integer millis ? millis : 10_000;
        this.timer = timer;
    }

    /** The production timer: the event loop's own scheduler. */
    static HappyEyeballs.Timer loopTimer(EventLoop loop) {
        return (task, delayMillis) -> {
            var scheduled = loop.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
            return () -> scheduled.cancel(false);
        };
    }

    /** Connects to {@code target}; for https the handshake is done when the future completes. */
    Future<Dialed> dial(Target target) {
        Promise<Dialed> dialed = loop.newPromise();
        long started = System.nanoTime();
        resolve(target).addListener(resolved -> {
            long resolvedAt = System.nanoTime();
            if (!resolved.isSuccess()) {
                dialed.tryFailure(resolved.cause());
                return;
            }
            @SuppressWarnings("unchecked")
            List<InetSocketAddress> addresses = (List<InetSocketAddress>) resolved.getNow();
            Promise<Channel> connected = loop.newPromise();
            HappyEyeballs.connect(addresses, this::connect, timer, connected);
            connected.addListener(tcp -> {
                long connectedAt = System.nanoTime();
                if (tcp.isSuccess()) {
                    ((Channel) tcp.getNow()).attr(PHASES).set(new Phases(resolvedAt - started,
                            connectedAt - resolvedAt, 0));
                }
                if (!tcp.isSuccess()) {
                    dialed.tryFailure(tcp.cause());
                } else if (target.secure()) {
                    handshake((Channel) tcp.getNow(), target, dialed);
                } else {
                    dialed.trySuccess(new Dialed((Channel) tcp.getNow(), false));
                }
            });
        });
        return dialed;
    }

    private Future<Channel> connect(InetSocketAddress address) {
        Promise<Channel> connected = loop.newPromise();
        io.netty.channel.ChannelFuture connecting = bootstrap.connect(address);
        connecting.addListener(done -> {
            if (done.isSuccess()) {
                connected.trySuccess(connecting.channel());
            } else {
                connected.tryFailure(done.cause());
            }
        });
        return connected;
    }

    private Future<List<InetSocketAddress>> resolve(Target target) {
        // An IP literal needs no lookup; skipping the resolver also spares building it at all
        // in runs that only ever see addresses.
        InetAddress literal = NetUtil.createInetAddressFromIpAddressString(target.connectHost());
        if (literal != null) {
            return loop.newSucceededFuture(List.of(new InetSocketAddress(literal, target.port())));
        }
        return resolver.get().getResolver(loop)
                .resolveAll(InetSocketAddress.createUnresolved(target.connectHost(), target.port()));
    }

    private void handshake(Channel channel, Target target, Promise<Dialed> dialed) {
        long handshakeStarted = System.nanoTime();
        SslHandler ssl = tls.get().newHandler(channel.alloc(), target.connectHost(), target.port());
        ssl.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
        channel.pipeline().addFirst("tls", ssl);
        ssl.handshakeFuture().addListener(handshake -> {
            if (handshake.isSuccess()) {
                Phases tcp = channel.attr(PHASES).get();
                if (tcp != null) {
                    channel.attr(PHASES).set(new Phases(tcp.dnsNanos(), tcp.connectNanos(),
                            System.nanoTime() - handshakeStarted));
                }
                String protocol = ssl.applicationProtocol();
                dialed.trySuccess(new Dialed(channel, ApplicationProtocolNames.HTTP_2.equals(protocol)));
            } else {
                channel.close();
                dialed.tryFailure(handshake.cause());
            }
        });
    }

    /**
     * The last handler while a channel is being dialed: keeps failures (already reported through
     * the dial's future) from reaching the pipeline's tail, where Netty would log them. Removed
     * by the caller once the protocol's handlers are in place.
     */
    @io.netty.channel.ChannelHandler.Sharable
    static final class DialGuard extends ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            // SslHandshakeCompletionEvent and the like: the dial's futures already say it.
        }
    }
}
