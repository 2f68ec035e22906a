package dev.salvo.internal.transport;

import dev.salvo.SalvoConfig;
import dev.salvo.internal.net.AddressGuard;
import dev.salvo.internal.net.FixedAnswers;
import dev.salvo.internal.net.NameServers;
import dev.salvo.internal.net.ProxyRules;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The engine's one event-loop thread and the transport that runs on it: HTTP/1.1 and HTTP/2,
 * cleartext and TLS, all on Netty (native epoll where it loads). The TLS context and the DNS
 * resolver are built on first need, so a plain-http run or an IP-only run never pays for them
 * (unless TLS options were given: then a bad file fails at once). The TLS context is the one
 * thing built on another thread (see {@link #tls()}).
 *
 * <p>Thread-safe to create and close; the transport must be used on {@link #executor()}'s thread.
 */
public final class NetworkStack implements AutoCloseable {

    /**
     * Netty logs through java.util.logging when no other logging library is present, which would
     * print its warnings on stderr; every failure already reaches the result records, so its
     * logger is quiet unless the application configured it. Held here so the setting sticks.
     */
    private static final Logger NETTY_LOG = Logger.getLogger("io.netty");

    static {
        if (NETTY_LOG.getLevel() == null) {
            NETTY_LOG.setLevel(Level.OFF);
        }
    }

    private static volatile IoChoice chosenIo;

    private final MultiThreadIoEventLoopGroup group;
    private final EventLoop loop;
    private final SalvoConfig config;
    /** Created on first need: building it costs about 0.2 s, which IP-only runs never pay. */
    private AddressResolverGroup<InetSocketAddress> resolver;
    /** Runs the TLS set-up (see {@link #tls()}); a test holds it to show the loop runs meanwhile. */
    private final Executor tlsSetup;
    /** Asked for by the first https dial, or built at once when TLS options name files. */
    private Future<ClientTls> tls;
    /** Asked for by the first dial through an https:// proxy. */
    private Future<SslContext> proxyTls;
    private final RoutingTransport transport;

    public NetworkStack(SalvoConfig config) {
        this(config, NetworkStack::onNewThread);
    }

    /** With {@code tlsSetup} running the TLS set-up instead of a new thread of its own. */
    NetworkStack(SalvoConfig config, Executor tlsSetup) {
        this.config = config;
        this.tlsSetup = tlsSetup;
        // Before the loop exists: a TLS file that cannot be used must not leave a thread behind.
        ClientTls eager = config.tls().caCert() != null || config.tls().clientCert() != null
                ? ClientTls.create(config) : null;
        IoChoice chosen = io();
        this.group = new MultiThreadIoEventLoopGroup(1, runnable -> {
            Thread thread = new Thread(runnable, "salvo-loop");
            thread.setDaemon(true);
            return thread;
        }, chosen.handlers());
        this.loop = group.next();
        if (eager != null) {
            tls = loop.newSucceededFuture(eager);
        }
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channelFactory(chosen.sockets())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        (int) Math.min(Integer.MAX_VALUE, Math.max(1, config.connectTimeout().toMillis())));
        AddressGuard guard = AddressGuard.of(config.network().deny(), config.network().denyPrivate());
        Dialer dialer = new Dialer(loop, bootstrap, this::resolver, this::tls, Dialer.loopTimer(loop), guard,
                FixedAnswers.parse(config.network().resolve()),
                ProxyRules.of(config.network().httpProxy(), config.network().httpsProxy(), config.network().noProxy()),
                this::proxyTls);
        this.transport = new RoutingTransport(
                choseHttp2 -> new Http1Transport(loop, dialer, config, choseHttp2),
                (http1, choseHttp1) -> new Http2Transport(loop, dialer, http1, config, choseHttp1),
                config.http2PriorKnowledge()).resolvingWith(dialer);
        loop.execute(NetworkStack::warmUp);
    }

    /** The I/O transport and TLS implementation in use, e.g. "epoll, TLS by OpenSSL (BoringSSL)". */
    public static String describe() {
        return io().name() + ", TLS by " + ClientTls.providerName();
    }

    /**
     * As {@link #describe()}, but "TLS not used" until this process has set TLS up: naming the
     * provider loads netty-tcnative (0.1-0.5 s of CPU), which a plain-http run never needs.
     */
    public static String describeUsed() {
        String tls = ClientTls.providerNameIfChosen();
        return io().name() + (tls == null ? ", TLS not used" : ", TLS by " + tls);
    }

    private static IoChoice io() {
        IoChoice chosen = chosenIo;
        if (chosen == null) {
            chosen = IoChoice.choose();
            chosenIo = chosen;
        }
        return chosen;
    }

    /**
     * Loads and initialises the request path's classes on the loop while the caller is still
     * opening its input, so the first request does not pay for them (about 0.1 s here).
     */
    private static void warmUp() {
        // The HTTP/1.1 pipeline's own handlers (Http1Connection), not Netty's HttpClientCodec,
        // which Salvo no longer uses: warming a class nobody loads again costs start-up for nothing.
        new io.netty.handler.codec.http.HttpRequestEncoder();
        new Http1ResponseDecoder(64, 64, 64);
        new io.netty.handler.codec.http.DefaultFullHttpRequest(io.netty.handler.codec.http.HttpVersion.HTTP_1_1,
                io.netty.handler.codec.http.HttpMethod.GET, "/").release();
        io.netty.buffer.ByteBufAllocator.DEFAULT.directBuffer(64).release();
        BodyDigest.newSha256Instance();
    }

    /** Called on the loop only. */
    private AddressResolverGroup<InetSocketAddress> resolver() {
        if (resolver == null) {
            resolver = HostResolvers.create(io(), NameServers.parse(config.network().dnsServers()),
                    config.connectTimeout().toMillis());
        }
        return resolver;
    }

    /**
     * The TLS context, ready when the future completes. Called on the loop only.
     *
     * <p>Building it must never run on the loop: the first build loads netty-tcnative (extracts
     * and links a 3 MiB library) and reads the system's CA store, which took 1.2-3.9 s of wall
     * time on a loaded 2-core machine, and every other host's requests, timeouts and Retry-After
     * timers would wait that long. So it runs on {@link #tlsSetup}, and a dial that needs it
     * waits on the future's listener, which Netty runs back on the loop. Asked for only by an
     * https dial, so a plain-http run never loads TLS at all.
     */
    private Future<ClientTls> tls() {
        if (tls == null) {
            tls = offLoop(() -> ClientTls.create(config));
        }
        return tls;
    }

    /** The TLS context to https:// proxies, built off the loop as {@link #tls()} is. Loop only. */
    private Future<SslContext> proxyTls() {
        if (proxyTls == null) {
            proxyTls = offLoop(() -> ClientTls.proxyContext(config));
        }
        return proxyTls;
    }

    /** Builds on {@link #tlsSetup}; the future's listeners run on the loop (Netty's promise sees to it). */
    private <T> Future<T> offLoop(java.util.function.Supplier<T> build) {
        Promise<T> built = loop.newPromise();
        tlsSetup.execute(() -> {
            try {
                built.setSuccess(build.get());
            } catch (Throwable e) { // a failure the dials waiting on it then report, not a lost one
                built.setFailure(e);
            }
        });
        return built;
    }

    /** A short-lived daemon thread per set-up: at most two per instance (servers, proxies). */
    private static void onNewThread(Runnable setup) {
        Thread.ofPlatform().name("salvo-tls-setup").daemon().start(setup);
    }

    /** Runs tasks on the engine's event-loop thread. */
    public Executor executor() {
        return loop;
    }

    /** The transport; use it only on the event-loop thread. */
    public Transport transport() {
        return transport;
    }

    /** Closes connections and the resolver on the loop, then stops the loop; waits a few seconds at most. */
    @Override
    public void close() {
        try {
            loop.submit(() -> {
                transport.close();
                if (resolver != null) {
                    resolver.close();
                }
            }).await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
