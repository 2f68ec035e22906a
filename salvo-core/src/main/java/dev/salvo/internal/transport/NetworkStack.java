package dev.salvo.internal.transport;

import dev.salvo.SalvoConfig;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.resolver.AddressResolverGroup;

import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The engine's one event-loop thread and the transports that run on it. The loop is a bare Netty
 * event loop, which starts in milliseconds; Vert.x (for TLS and HTTP/2) is only started when the
 * first https or HTTP/2 request needs it, so a plain-http run never pays its start-up.
 *
 * <p>Thread-safe to create and close; the transport must be used on {@link #executor()}'s thread.
 */
public final class NetworkStack implements AutoCloseable {

    private final MultiThreadIoEventLoopGroup group;
    private final EventLoop loop;
    /** Created on first need: building it costs about 0.2 s, which IP-only runs never pay. */
    private AddressResolverGroup<InetSocketAddress> resolver;
    private final RoutingTransport transport;

    public NetworkStack(SalvoConfig config) {
        this.group = new MultiThreadIoEventLoopGroup(1, runnable -> {
            Thread thread = new Thread(runnable, "salvo-loop");
            thread.setDaemon(true);
            return thread;
        }, NioIoHandler.newFactory());
        this.loop = group.next();
        Transport cleartext = new Http1Transport(loop, NioSocketChannel::new, this::resolver, config);
        this.transport = new RoutingTransport(cleartext, new LazyVertxTransport(loop, config),
                config.http2PriorKnowledge());
        loop.execute(NetworkStack::warmUp);
    }

    /**
     * Loads and initialises the request path's classes on the loop while the caller is still
     * opening its input, so the first request does not pay for them (about 0.1 s here).
     */
    private static void warmUp() {
        new io.netty.handler.codec.http.HttpClientCodec();
        new io.netty.handler.codec.http.DefaultFullHttpRequest(io.netty.handler.codec.http.HttpVersion.HTTP_1_1,
                io.netty.handler.codec.http.HttpMethod.GET, "/").release();
        io.netty.buffer.ByteBufAllocator.DEFAULT.directBuffer(64).release();
        BodyDigest.newSha256Instance();
    }

    /** Called on the loop only. */
    private AddressResolverGroup<InetSocketAddress> resolver() {
        if (resolver == null) {
            resolver = HostResolvers.create();
        }
        return resolver;
    }

    /** Runs tasks on the engine's event-loop thread. */
    public Executor executor() {
        return loop;
    }

    /** The transport; use it only on the event-loop thread. */
    public Transport transport() {
        return transport;
    }

    /** Closes connections on the loop, then stops the loop and Vert.x; waits a few seconds at most. */
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
