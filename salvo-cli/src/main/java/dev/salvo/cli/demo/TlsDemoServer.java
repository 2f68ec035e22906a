package dev.salvo.cli.demo;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.ReferenceCountUtil;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;

/**
 * The demo's https hosts, on 127.0.0.1 with a throwaway self-signed certificate (made by the
 * JDK's {@code keytool}): one port offers HTTP/2 and HTTP/1.1 by ALPN, the other HTTP/1.1 only.
 * {@code /missing/N} answers 404, every other path 200 with a small page. Besides showing https
 * in the demo, it lets the launcher's start-up cache be trained on Salvo's TLS and HTTP/2 paths.
 *
 * <p>Netty, on one NIO thread of its own. Thread-safe.
 */
public final class TlsDemoServer implements AutoCloseable {

    private static final String PASSWORD = "salvo-demo";

    private final MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final List<Channel> listeners = new ArrayList<>();
    private final List<String> bases = new ArrayList<>();

    private TlsDemoServer() {
    }

    /**
     * Makes a certificate in {@code dir} and starts both ports.
     *
     * @throws IOException when keytool is missing or fails, or a port cannot be bound
     */
    public static TlsDemoServer start(Path dir) throws IOException {
        KeyManagerFactory keys = selfSigned(dir);
        TlsDemoServer server = new TlsDemoServer();
        try {
            server.listen(keys, ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1);
            server.listen(keys, ApplicationProtocolNames.HTTP_1_1);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The base URLs: {@code https://127.0.0.1:P} with HTTP/2 offered, then one with HTTP/1.1 only. */
    public List<String> bases() {
        return List.copyOf(bases);
    }

    private void listen(KeyManagerFactory keys, String... protocols) throws IOException {
        SslContext tls;
        try {
            tls = SslContextBuilder.forServer(keys)
                    .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, protocols))
                    .build();
        } catch (javax.net.ssl.SSLException e) {
            throw new IOException("cannot set up the demo's TLS: " + e.getMessage(), e);
        }
        Channel listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(tls.newHandler(channel.alloc()), new Negotiation());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
        listeners.add(listener);
        bases.add("https://127.0.0.1:" + ((InetSocketAddress) listener.localAddress()).getPort());
    }

    /** A PKCS12 key store with a new EC key and a certificate for 127.0.0.1, valid two days. */
    private static KeyManagerFactory selfSigned(Path dir) throws IOException {
        Path store = dir.resolve("demo-tls.p12");
        Path log = dir.resolve("keytool.log");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        if (!Files.isExecutable(keytool)) {
            throw new IOException("this Java has no keytool to make the demo's certificate (" + keytool + ")");
        }
        // Output to a file, not a pipe, so a chatty keytool can never block on a full pipe.
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-noprompt", "-alias", "demo",
                "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("keytool did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making the demo's certificate", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("keytool could not make the demo's certificate: " + Files.readString(log).strip());
        }
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, PASSWORD.toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, PASSWORD.toCharArray());
            return keys;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the demo's certificate: " + e.getMessage(), e);
        }
    }

    private static boolean missing(CharSequence path) {
        return path != null && path.toString().startsWith("/missing/");
    }

    private static ByteBuf page(CharSequence path) {
        return Unpooled.copiedBuffer("<!doctype html><title>" + path + "</title><p>Hello over TLS from the Salvo demo"
                + " server: " + path + "</p>\n", StandardCharsets.UTF_8);
    }

    /** HTTP/2 or HTTP/1.1, as ALPN chose. */
    private static final class Negotiation extends ApplicationProtocolNegotiationHandler {
        Negotiation() {
            super(ApplicationProtocolNames.HTTP_1_1);
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
            if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                ctx.pipeline().addLast(Http2FrameCodecBuilder.forServer()
                        .initialSettings(Http2Settings.defaultSettings().maxConcurrentStreams(128)).build(),
                        new Http2Pages());
            } else {
                ctx.pipeline().addLast(new HttpServerCodec(), new Http1Pages());
            }
        }

        @Override
        protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** What both protocols' page handlers share: writes flushed once per read, and no error logged. */
    private abstract static class PageHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** Answers each request's HEADERS on its stream (no child channels: the server needs none). */
    private static final class Http2Pages extends PageHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            try {
                if (message instanceof Http2HeadersFrame request && request.isEndStream()) {
                    CharSequence path = request.headers().path();
                    boolean found = !missing(path);
                    ctx.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status(found ? "200" : "404")
                            .set("content-type", "text/html; charset=utf-8")).stream(request.stream()));
                    ctx.write(new DefaultHttp2DataFrame(found ? page(path) : Unpooled.EMPTY_BUFFER, true)
                            .stream(request.stream()));
                }
            } finally {
                ReferenceCountUtil.release(message);
            }
        }
    }

    /** Answers each HTTP/1.1 request, keeping the connection open. */
    private static final class Http1Pages extends PageHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            try {
                if (message instanceof HttpRequest request) {
                    boolean found = !missing(request.uri());
                    DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                            found ? HttpResponseStatus.OK : HttpResponseStatus.NOT_FOUND,
                            found ? page(request.uri()) : Unpooled.EMPTY_BUFFER);
                    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/html; charset=utf-8")
                            .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
                    ctx.write(response);
                }
            } finally {
                ReferenceCountUtil.release(message);
            }
        }
    }

    @Override
    public void close() {
        listeners.forEach(Channel::close);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
}
