package dev.salvo.internal.transport;

import dev.salvo.internal.net.Proxy;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.handler.proxy.HttpProxyHandler;
import io.netty.handler.proxy.ProxyHandler;
import io.netty.handler.proxy.Socks5ProxyHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

import java.net.InetSocketAddress;

/**
 * Opens a tunnel to a target through a proxy, with Netty's proxy handlers: HTTP {@code CONNECT}
 * (over TLS to the proxy for {@code https://} proxies) or SOCKS5, with the proxy URL's user and
 * password. The channel handed back is a byte stream to the target: the caller adds the target's
 * TLS after the handler named {@link #HANDLER}, which stays in the pipeline as a pass-through.
 *
 * <p>Plain http goes through an HTTP proxy by {@code CONNECT} too, not as an absolute-form
 * request: the requests and the per-host connection pools are then the same with and without a
 * proxy, and the proxy cannot rewrite or cache the responses whose bytes and hashes Salvo
 * records. The cost: a proxy that allows {@code CONNECT} only to port 443 refuses plain http.
 *
 * <p>Confined to the event loop.
 */
final class ProxyTunnel {

    /** Name of the proxy handler in the pipeline; the target's TLS handler goes right after it. */
    static final String HANDLER = "proxy";

    private ProxyTunnel() {
    }

    /**
     * Connects to {@code proxyAddress} and asks it for a tunnel to {@code target}, which is
     * unresolved when the proxy resolves names itself.
     *
     * @param proxyTls TLS to the proxy itself (https proxies), or null
     */
    static Future<Channel> open(EventLoop loop, Bootstrap bootstrap, Proxy proxy, InetSocketAddress proxyAddress,
                                InetSocketAddress target, SslContext proxyTls, long timeoutMillis,
                                Dialer.DialGuard guard) {
        Promise<Channel> tunnel = loop.newPromise();
        ProxyHandler handler = switch (proxy.kind()) {
            case HTTP, HTTPS -> proxy.user() == null ? new HttpProxyHandler(proxyAddress)
                    : new HttpProxyHandler(proxyAddress, proxy.user(), proxy.password());
            case SOCKS5, SOCKS5H -> proxy.user() == null ? new Socks5ProxyHandler(proxyAddress)
                    : new Socks5ProxyHandler(proxyAddress, proxy.user(), proxy.password());
        };
        handler.setConnectTimeoutMillis(timeoutMillis);
        ChannelFuture connecting = bootstrap.clone().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel channel) {
                if (proxyTls != null) {
                    SslHandler ssl = proxyTls.newHandler(channel.alloc(), proxy.host(), proxy.port());
                    ssl.setHandshakeTimeoutMillis(timeoutMillis);
                    channel.pipeline().addLast("proxy-tls", ssl);
                }
                channel.pipeline().addLast(HANDLER, handler).addLast(guard);
            }
        }).connect(target);
        connecting.addListener(tcp -> {
            if (!tcp.isSuccess()) {
                tunnel.tryFailure(tcp.cause());
            }
        });
        handler.connectFuture().addListener(done -> {
            if (done.isSuccess()) {
                tunnel.trySuccess(connecting.channel());
            } else {
                connecting.channel().close();
                tunnel.tryFailure(done.cause());
            }
        });
        return tunnel;
    }
}
