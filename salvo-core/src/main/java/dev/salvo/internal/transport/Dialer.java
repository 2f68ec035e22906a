package dev.salvo.internal.transport;

import dev.salvo.internal.net.AddressGuard;
import dev.salvo.internal.net.BlockedAddressException;
import dev.salvo.internal.net.Cidr;
import dev.salvo.internal.net.FixedAnswers;
import dev.salvo.internal.net.Proxy;
import dev.salvo.internal.net.ProxyRules;
import io.netty.handler.ssl.SslContext;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Opens connections: resolves the host (all its addresses, IPv6 and IPv4), connects with
 * {@link HappyEyeballs}, then for https does the TLS handshake with the shared {@link ClientTls}
 * (SNI and session resumption per host and port) and reads what ALPN chose. The channel handed
 * back carries only the TLS handler; the caller installs HTTP/1.1 or HTTP/2 on it.
 *
 * <p>The {@link AddressGuard} sees every resolved address before Happy Eyeballs may connect to
 * it: denied ones are dropped, and a host left with none fails with
 * {@link BlockedAddressException} without any connection. Because the check is here, on the
 * address actually connected to, it holds for redirects and for DNS answers that change.
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
    /** The TLS context, built off the loop on first request; see NetworkStack.tls(). */
    private final Supplier<Future<ClientTls>> tls;
    private final long handshakeTimeoutMillis;
    private final HappyEyeballs.Timer timer;
    private final AddressGuard guard;
    private final FixedAnswers fixed;
    private final ProxyRules proxies;
    private final Supplier<Future<SslContext>> proxyTls;

    Dialer(EventLoop loop, Bootstrap bootstrap, Supplier<AddressResolverGroup<InetSocketAddress>> resolver,
           Supplier<Future<ClientTls>> tls, HappyEyeballs.Timer timer) {
        this(loop, bootstrap, resolver, tls, timer, AddressGuard.NONE, FixedAnswers.NONE, ProxyRules.NONE,
                () -> loop.newSucceededFuture(null));
    }

    Dialer(EventLoop loop, Bootstrap bootstrap, Supplier<AddressResolverGroup<InetSocketAddress>> resolver,
           Supplier<Future<ClientTls>> tls, HappyEyeballs.Timer timer, AddressGuard guard, FixedAnswers fixed,
           ProxyRules proxies, Supplier<Future<SslContext>> proxyTls) {
        this.loop = loop;
        this.bootstrap = bootstrap.clone().handler(GUARD).disableResolver();
        this.resolver = resolver;
        this.tls = tls;
        Object connectTimeout = bootstrap.config().options().get(ChannelOption.CONNECT_TIMEOUT_MILLIS);
        this.handshakeTimeoutMillis = connectTimeout instanceof Integer millis ? millis : 10_000;
        this.timer = timer;
        this.guard = guard;
        this.fixed = fixed;
        this.proxies = proxies;
        this.proxyTls = proxyTls;
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
        Proxy proxy = proxies.select(target.secure(), target.connectHost());
        if (proxy != null) {
            return dialThrough(proxy, target);
        }
        Promise<Dialed> dialed = loop.newPromise();
        long started = System.nanoTime();
        // Asked for before resolving and connecting, so that a first TLS set-up overlaps them.
        Future<ClientTls> tlsReady = target.secure() ? tls.get() : null;
        resolve(target).addListener(resolved -> {
            long resolvedAt = System.nanoTime();
            if (!resolved.isSuccess()) {
                dialed.tryFailure(resolved.cause());
                return;
            }
            @SuppressWarnings("unchecked")
            List<InetSocketAddress> addresses = (List<InetSocketAddress>) resolved.getNow();
            try {
                addresses = allowed(target, addresses);
            } catch (BlockedAddressException blocked) {
                dialed.tryFailure(blocked);
                return;
            }
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
                    handshake((Channel) tcp.getNow(), target, tlsReady, dialed);
                } else {
                    dialed.trySuccess(new Dialed((Channel) tcp.getNow(), false));
                }
            });
        });
        return dialed;
    }

    /**
     * Dials {@code target} through {@code proxy}. A proxy that resolves names itself (http, https,
     * socks5h) is given the target's name unless it is an address or pinned by --resolve; with
     * socks5 Salvo resolves it. Either way the guard sees every address Salvo itself knows, but it
     * cannot see where a proxy that resolves names connects. The proxy's own address is not
     * guarded: the user named it.
     */
    private Future<Dialed> dialThrough(Proxy proxy, Target target) {
        Promise<Dialed> dialed = loop.newPromise();
        Future<ClientTls> tlsReady = target.secure() ? tls.get() : null;
        Future<SslContext> proxyTlsReady = proxy.kind() == Proxy.Kind.HTTPS ? proxyTls.get()
                : loop.newSucceededFuture(null);
        boolean local = !proxy.kind().remoteDns()
                || NetUtil.createInetAddressFromIpAddressString(target.connectHost()) != null
                || fixed.lookup(target.connectHost(), target.port()) != null;
        Future<List<InetSocketAddress>> targetAddresses = local ? resolve(target)
                : loop.newSucceededFuture(List.of(InetSocketAddress.createUnresolved(target.connectHost(), target.port())));
        targetAddresses.addListener(resolvedTarget -> {
            if (!resolvedTarget.isSuccess()) {
                dialed.tryFailure(resolvedTarget.cause());
                return;
            }
            @SuppressWarnings("unchecked")
            List<InetSocketAddress> candidates = (List<InetSocketAddress>) resolvedTarget.getNow();
            List<InetSocketAddress> allowed;
            try {
                allowed = local ? allowed(target, candidates) : candidates;
            } catch (BlockedAddressException blocked) {
                dialed.tryFailure(blocked);
                return;
            }
            if (allowed.isEmpty()) {
                dialed.tryFailure(new java.net.UnknownHostException("no address"));
                return;
            }
            resolveProxy(proxy).addListener(resolvedProxy -> {
                if (!resolvedProxy.isSuccess()) {
                    dialed.tryFailure(new ProxyFailedException(proxy, resolvedProxy.cause()));
                    return;
                }
                @SuppressWarnings("unchecked")
                List<InetSocketAddress> proxyAddresses = (List<InetSocketAddress>) resolvedProxy.getNow();
                proxyTlsReady.addListener(toProxy -> {
                    if (!toProxy.isSuccess()) {
                        dialed.tryFailure(new ProxyFailedException(proxy, toProxy.cause()));
                        return;
                    }
                    tunnel(proxy, proxyAddresses.get(0), allowed.get(0), (SslContext) toProxy.getNow(), target,
                            tlsReady, dialed);
                });
            });
        });
        return dialed;
    }

    /** Opens the tunnel through {@code proxy}, then for https does the target's handshake in it. */
    private void tunnel(Proxy proxy, InetSocketAddress proxyAddress, InetSocketAddress targetAddress,
                        SslContext toProxy, Target target, Future<ClientTls> tlsReady, Promise<Dialed> dialed) {
        ProxyTunnel.open(loop, bootstrap, proxy, proxyAddress, targetAddress, toProxy,
                handshakeTimeoutMillis, GUARD).addListener(tunnel -> {
            if (!tunnel.isSuccess()) {
                dialed.tryFailure(new ProxyFailedException(proxy, tunnel.cause()));
            } else if (target.secure()) {
                handshake((Channel) tunnel.getNow(), target, tlsReady, dialed);
            } else {
                dialed.trySuccess(new Dialed((Channel) tunnel.getNow(), false));
            }
        });
    }

    private Future<List<InetSocketAddress>> resolveProxy(Proxy proxy) {
        InetAddress literal = NetUtil.createInetAddressFromIpAddressString(proxy.host());
        if (literal != null) {
            return loop.newSucceededFuture(List.of(new InetSocketAddress(literal, proxy.port())));
        }
        return resolver.get().getResolver(loop)
                .resolveAll(InetSocketAddress.createUnresolved(proxy.host(), proxy.port()));
    }

    /** The addresses the guard allows; throws when it allows none of a non-empty list. */
    private List<InetSocketAddress> allowed(Target target, List<InetSocketAddress> addresses)
            throws BlockedAddressException {
        if (guard.allowsAll()) {
            return addresses;
        }
        List<InetSocketAddress> allowed = new ArrayList<>(addresses.size());
        BlockedAddressException firstDenied = null;
        for (InetSocketAddress address : addresses) {
            Cidr range = guard.denying(address.getAddress());
            if (range == null) {
                allowed.add(address);
            } else if (firstDenied == null) {
                firstDenied = new BlockedAddressException(target.connectHost(), address.getAddress(), range);
            }
        }
        if (allowed.isEmpty() && firstDenied != null) {
            throw firstDenied;
        }
        return allowed;
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

    /**
     * The address a direct dial to {@code target} would try first, as text; null through a proxy
     * (which may resolve the name itself) or when the name does not resolve. {@code done} runs on
     * the loop, on a later turn.
     */
    void firstAddress(Target target, java.util.function.Consumer<String> done) {
        if (proxies.select(target.secure(), target.connectHost()) != null) {
            loop.execute(() -> done.accept(null));
            return;
        }
        resolve(target).addListener(resolved -> loop.execute(() -> {
            String first = null;
            if (resolved.isSuccess()) {
                @SuppressWarnings("unchecked")
                List<InetSocketAddress> addresses = HappyEyeballs.interleave((List<InetSocketAddress>) resolved.getNow());
                if (!addresses.isEmpty() && addresses.get(0).getAddress() != null) {
                    first = addresses.get(0).getAddress().getHostAddress();
                }
            }
            done.accept(first);
        }));
    }

    private Future<List<InetSocketAddress>> resolve(Target target) {
        List<InetSocketAddress> pinned = fixed.lookup(target.connectHost(), target.port());
        if (pinned != null) {
            return loop.newSucceededFuture(pinned);
        }
        // An IP literal needs no lookup; skipping the resolver also spares building it at all
        // in runs that only ever see addresses.
        InetAddress literal = NetUtil.createInetAddressFromIpAddressString(target.connectHost());
        if (literal != null) {
            return loop.newSucceededFuture(List.of(new InetSocketAddress(literal, target.port())));
        }
        return resolver.get().getResolver(loop)
                .resolveAll(InetSocketAddress.createUnresolved(target.connectHost(), target.port()));
    }

    /**
     * Does the TLS handshake once the context is ready: a first dial may get here while it is
     * still being built off the loop, and then waits on its listener (back on the loop), holding
     * the loop for nothing. The wait counts as TLS time in the dial's phases.
     */
    private void handshake(Channel channel, Target target, Future<ClientTls> tlsReady, Promise<Dialed> dialed) {
        long handshakeStarted = System.nanoTime();
        tlsReady.addListener(ready -> {
            if (!ready.isSuccess()) {
                channel.close();
                dialed.tryFailure(ready.cause());
            } else if (!channel.isActive()) {
                dialed.tryFailure(new java.nio.channels.ClosedChannelException()); // closed while waiting
            } else {
                handshake(channel, target, (ClientTls) ready.getNow(), handshakeStarted, dialed);
            }
        });
    }

    private void handshake(Channel channel, Target target, ClientTls context, long handshakeStarted,
                           Promise<Dialed> dialed) {
        SslHandler ssl = context.newHandler(channel.alloc(), target.connectHost(), target.port());
        ssl.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
        if (channel.pipeline().get(ProxyTunnel.HANDLER) != null) {
            channel.pipeline().addAfter(ProxyTunnel.HANDLER, "tls", ssl); // inside the tunnel
        } else {
            channel.pipeline().addFirst("tls", ssl);
        }
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
