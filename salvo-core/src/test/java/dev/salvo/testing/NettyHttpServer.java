package dev.salvo.testing;

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
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;

/**
 * A real HTTP/1.1 and HTTP/2 server on Netty for transport tests, on loopback and port 0:
 * TLS with a {@link TestCertificate} and ALPN (offering h2 and http/1.1, or only one), or
 * cleartext (HTTP/1.1, or HTTP/2 with prior knowledge). Every request is answered
 * {@code 200 "hello <path>"}, after {@link Builder#delayMillis} if set, except:
 * {@code /rst...} is reset (RST_STREAM INTERNAL_ERROR) on HTTP/2, and {@code /big/N} answers N KiB of
 * {@link #bigBody} (more than a flow-control window, so it needs the client's WINDOW_UPDATEs).
 * {@link Builder#respond} sets a fixed answer for a path (e.g. a gzip body with its
 * Content-Encoding), and {@link Builder#gzipBomb} a path that streams gzipped zeros over HTTP/2 for
 * as long as the client reads.
 *
 * <p>It records what a test asserts on: the protocol of each request, the request headers, how
 * many streams were in flight at most at once, how many connections were opened. With
 * {@link Builder#goAwayAfter} it sends GOAWAY on the stream that many on each connection, naming
 * that stream as the last it processes, and never answers the streams above it.
 *
 * <p>Thread-safe.
 */
public final class NettyHttpServer implements AutoCloseable {

    /** One request as the server saw it. */
    public record Seen(String protocol, String path, List<Map.Entry<String, String>> headers) {
        /** Every value of {@code name} (lower case), in order. */
        public List<String> values(String name) {
            List<String> values = new ArrayList<>();
            for (Map.Entry<String, String> header : headers) {
                if (header.getKey().equalsIgnoreCase(name)) {
                    values.add(header.getValue());
                }
            }
            return values;
        }
    }

    /** Settings of a server; not thread-safe. */
    public static final class Builder {
        private String address = "127.0.0.1";
        private TestCertificate certificate;
        private final List<String> alpn = new ArrayList<>(List.of(ApplicationProtocolNames.HTTP_2,
                ApplicationProtocolNames.HTTP_1_1));
        private boolean cleartextHttp2;
        private Long maxConcurrentStreams;
        private int goAwayAfter;
        private long delayMillis;
        private X509Certificate requireClientCertificate;
        private String onlyTlsVersion;
        private boolean openSsl;
        private final Map<String, Fixed> fixed = new ConcurrentHashMap<>();
        private String bombPath;
        private long bombBytes;
        private java.util.concurrent.atomic.AtomicLong bombFed;

        /** Listens on this loopback address (e.g. "::1"); 127.0.0.1 by default. */
        public Builder address(String value) { address = value; return this; }
        /** TLS with this certificate; cleartext when never called. */
        public Builder tls(TestCertificate value) { certificate = value; return this; }
        /** The protocols offered by ALPN, in preference order. */
        public Builder alpn(String... protocols) { alpn.clear(); alpn.addAll(List.of(protocols)); return this; }
        /** Cleartext HTTP/2 with prior knowledge instead of HTTP/1.1. */
        public Builder cleartextHttp2() { cleartextHttp2 = true; return this; }
        public Builder maxConcurrentStreams(long value) { maxConcurrentStreams = value; return this; }
        /** GOAWAY on the n-th stream of every connection; the streams above it are never answered. */
        public Builder goAwayAfter(int n) { goAwayAfter = n; return this; }
        /** Answers each request this long after it arrived, so requests overlap. */
        public Builder delayMillis(long value) { delayMillis = value; return this; }
        /** Demands a client certificate and trusts only this one. */
        public Builder requireClientCertificate(X509Certificate trusted) { requireClientCertificate = trusted; return this; }
        /** TLS by OpenSSL (netty-tcnative) instead of the JDK, e.g. for its session cache; needs it to load. */
        public Builder openSsl() { openSsl = true; return this; }
        /** Speaks only this TLS version, e.g. "TLSv1.2". */
        public Builder onlyTlsVersion(String version) { onlyTlsVersion = version; return this; }

        /**
         * Answers {@code path} with 200, {@code body} and {@code headers} ("name: value" each),
         * on HTTP/1.1 and HTTP/2 alike.
         */
        public Builder respond(String path, byte[] body, String... headers) {
            fixed.put(path, new Fixed(body, List.of(headers)));
            return this;
        }

        /**
         * On HTTP/2, answers {@code path} with {@code decodedBytes} zeros gzipped on the fly
         * (Content-Encoding: gzip), one DATA frame after the last was written, so the client's
         * flow control paces it; {@code fed} counts the zeros compressed so far. Never held whole.
         */
        public Builder gzipBomb(String path, long decodedBytes, java.util.concurrent.atomic.AtomicLong fed) {
            bombPath = path;
            bombBytes = decodedBytes;
            bombFed = fed;
            return this;
        }

        public NettyHttpServer start() throws Exception {
            return new NettyHttpServer(this);
        }
    }

    /** A fixed answer: its body and headers ("name: value"). */
    private record Fixed(byte[] body, List<String> headers) { }

    private final MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Builder settings;
    private final SslContext ssl;
    private final Channel server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Map<String, java.io.ByteArrayOutputStream> requestBodies =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger unprocessed = new AtomicInteger();
    private final List<String> sessionIds = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> peers = ConcurrentHashMap.newKeySet();

    public static Builder builder() {
        return new Builder();
    }

    private NettyHttpServer(Builder settings) throws Exception {
        this.settings = settings;
        this.ssl = settings.certificate == null ? null : serverContext(settings);
        this.server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        connections.incrementAndGet();
                        peers.add(channel.remoteAddress().getAddress().getHostAddress());
                        if (ssl != null) {
                            channel.pipeline().addLast(ssl.newHandler(channel.alloc()), new Negotiation());
                        } else if (settings.cleartextHttp2) {
                            addHttp2(channel);
                        } else {
                            addHttp1(channel);
                        }
                    }
                })
                .bind(new InetSocketAddress(settings.address, 0)).sync().channel();
    }

    private static SslContext serverContext(Builder settings) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(settings.certificate.keyStorePath())) {
            keys.load(in, settings.certificate.password().toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, settings.certificate.password().toCharArray());
        SslContextBuilder builder = SslContextBuilder.forServer(keyManagers)
                .sslProvider(settings.openSsl ? SslProvider.OPENSSL : SslProvider.JDK)
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, settings.alpn));
        if (settings.onlyTlsVersion != null) {
            builder.protocols(settings.onlyTlsVersion);
        }
        if (settings.requireClientCertificate != null) {
            builder.clientAuth(ClientAuth.REQUIRE).trustManager(settings.requireClientCertificate);
        }
        return builder.build();
    }

    /** Picks HTTP/2 or HTTP/1.1 by what ALPN chose. */
    private final class Negotiation extends ApplicationProtocolNegotiationHandler {
        Negotiation() {
            super(ApplicationProtocolNames.HTTP_1_1);
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
            byte[] id = ctx.pipeline().get(io.netty.handler.ssl.SslHandler.class).engine().getSession().getId();
            sessionIds.add(java.util.HexFormat.of().formatHex(id));
            if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                addHttp2(ctx.channel());
            } else {
                addHttp1(ctx.channel());
            }
        }

        @Override
        protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private void addHttp1(Channel channel) {
        channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), new Http1Handler());
    }

    private void addHttp2(Channel channel) {
        Http2Settings initial = Http2Settings.defaultSettings();
        if (settings.maxConcurrentStreams != null) {
            initial.maxConcurrentStreams(settings.maxConcurrentStreams);
        }
        AtomicInteger streamsOnConnection = new AtomicInteger();
        channel.pipeline().addLast(Http2FrameCodecBuilder.forServer().initialSettings(initial).build(),
                new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                    @Override
                    protected void initChannel(Http2StreamChannel stream) {
                        stream.pipeline().addLast(new Http2StreamHandler(streamsOnConnection));
                    }
                }));
    }

    private final class Http1Handler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            if (!(message instanceof FullHttpRequest request)) {
                ReferenceCountUtil.release(message);
                return;
            }
            String path = request.uri();
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            request.headers().forEach(headers::add);
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            request.release();
            record(new Seen("HTTP/1.1", path, headers));
            answerLater(ctx.channel(), () -> {
                Fixed answer = settings.fixed.get(path);
                ByteBuf body = answer != null ? Unpooled.wrappedBuffer(answer.body())
                        : Unpooled.copiedBuffer("hello " + path, StandardCharsets.UTF_8);
                DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                        HttpResponseStatus.OK, body);
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain")
                        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
                if (answer != null) {
                    for (String header : answer.headers()) {
                        int colon = header.indexOf(':');
                        response.headers().set(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
                    }
                }
                answered(path);
                ctx.writeAndFlush(response);
                if (!keepAlive) {
                    ctx.close();
                }
            });
        }
    }

    private final class Http2StreamHandler extends ChannelInboundHandlerAdapter {
        private final AtomicInteger streamsOnConnection;
        private String streamPath;

        Http2StreamHandler(AtomicInteger streamsOnConnection) {
            this.streamsOnConnection = streamsOnConnection;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            try {
                if (message instanceof Http2DataFrame data && streamPath != null) {
                    byte[] bytes = new byte[data.content().readableBytes()];
                    data.content().getBytes(data.content().readerIndex(), bytes);
                    requestBodies.computeIfAbsent(streamPath, p -> new java.io.ByteArrayOutputStream())
                            .writeBytes(bytes);
                    return;
                }
                if (!(message instanceof Http2HeadersFrame frame) || frame.headers().path() == null) {
                    return;
                }
                String path = frame.headers().path().toString();
                streamPath = path;
                int number = streamsOnConnection.incrementAndGet();
                if (settings.goAwayAfter > 0 && number > settings.goAwayAfter) {
                    unprocessed.incrementAndGet();
                    return; // above the GOAWAY's last stream id: never processed
                }
                List<Map.Entry<String, String>> headers = new ArrayList<>();
                frame.headers().forEach(h -> headers.add(Map.entry(h.getKey().toString(), h.getValue().toString())));
                record(new Seen("HTTP/2", path, headers));
                if (settings.goAwayAfter > 0 && number == settings.goAwayAfter) {
                    goAway(ctx, ((Http2StreamChannel) ctx.channel()).stream().id());
                }
                if (path.startsWith("/rst")) {
                    inFlight.decrementAndGet();
                    ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.INTERNAL_ERROR));
                    return;
                }
                if (path.equals(settings.bombPath)) {
                    answered(path);
                    ctx.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200")
                            .set("content-type", "application/octet-stream").set("content-encoding", "gzip")));
                    new GzipBomb(ctx, settings.bombBytes, settings.bombFed).next();
                    return;
                }
                Fixed answer = settings.fixed.get(path);
                if (answer != null) {
                    answered(path);
                    io.netty.handler.codec.http2.Http2Headers head = new DefaultHttp2Headers().status("200");
                    head.set("content-type", "text/plain").setInt("content-length", answer.body().length);
                    for (String header : answer.headers()) {
                        int colon = header.indexOf(':');
                        head.set(header.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
                                header.substring(colon + 1).trim());
                    }
                    ctx.write(new DefaultHttp2HeadersFrame(head));
                    ctx.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(answer.body()), true));
                    return;
                }
                answerLater(ctx.channel(), () -> {
                    answered(path);
                    ctx.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200")
                            .set("content-type", "text/plain")));
                    ByteBuf body = path.startsWith("/big/")
                            ? Unpooled.wrappedBuffer(bigBody(Integer.parseInt(path.substring(5))))
                            : Unpooled.copiedBuffer("hello " + path, StandardCharsets.UTF_8);
                    // Netty's flow controller sends it as the client's windows allow.
                    ctx.writeAndFlush(new DefaultHttp2DataFrame(body, true));
                });
            } finally {
                ReferenceCountUtil.release(message);
            }
        }
    }

    /**
     * Streams gzipped zeros on one HTTP/2 stream: one DATA frame when the one before it has been
     * written (flow control permitting), until a write fails (the client reset the stream) or the
     * zeros run out. Each frame is the same deflate block of 1 MiB of zeros, compressed once and
     * ended with a full flush (so it does not depend on what came before and can be repeated): the
     * server spends no CPU however far the client reads. The gzip trailer is never sent (a client
     * that read the whole bomb would fail to decode it, which a test tells apart from too_large).
     * Confined to the stream's event loop.
     */
    private static final class GzipBomb {
        private static final int ZEROS_PER_FRAME = 1 << 20;
        private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
        private static final byte[] BLOCK = zerosBlock();
        private final ChannelHandlerContext ctx;
        private final long total;
        private final java.util.concurrent.atomic.AtomicLong fed;

        GzipBomb(ChannelHandlerContext ctx, long total, java.util.concurrent.atomic.AtomicLong fed) {
            this.ctx = ctx;
            this.total = total;
            this.fed = fed;
        }

        void next() {
            boolean first = fed.get() == 0;
            boolean last = fed.addAndGet(ZEROS_PER_FRAME) >= total;
            ByteBuf frame = first ? Unpooled.wrappedBuffer(HEADER, BLOCK) : Unpooled.wrappedBuffer(BLOCK);
            ctx.writeAndFlush(new DefaultHttp2DataFrame(frame, last)).addListener(written -> {
                if (written.isSuccess() && !last) {
                    next();
                }
            });
        }

        private static byte[] zerosBlock() {
            java.util.zip.Deflater deflater = new java.util.zip.Deflater(9, true);
            deflater.setInput(new byte[ZEROS_PER_FRAME]);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            int n;
            do {
                n = deflater.deflate(buffer, 0, buffer.length, java.util.zip.Deflater.FULL_FLUSH);
                out.write(buffer, 0, n);
            } while (n == buffer.length);
            deflater.end();
            return out.toByteArray();
        }
    }

    /** The body of {@code /big/<kib>}: that many KiB of a repeating pattern. */
    public static byte[] bigBody(int kib) {
        byte[] body = new byte[kib * 1024];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31 + i / 1024);
        }
        return body;
    }

    /**
     * Writes a GOAWAY frame naming {@code lastStreamId} straight to the socket (under the HTTP/2
     * codec, which would otherwise name the newest stream it has seen).
     */
    private static void goAway(ChannelHandlerContext stream, int lastStreamId) {
        ByteBuf frame = Unpooled.buffer(17)
                .writeMedium(8).writeByte(0x7).writeByte(0).writeInt(0)
                .writeInt(lastStreamId).writeInt(0);
        stream.channel().parent().pipeline().firstContext().writeAndFlush(frame);
    }

    private void record(Seen request) {
        seen.add(request);
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
    }

    private void answered(String path) {
        inFlight.decrementAndGet();
        answered.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    }

    private void answerLater(Channel channel, Runnable answer) {
        if (settings.delayMillis > 0) {
            channel.eventLoop().schedule(answer, settings.delayMillis, TimeUnit.MILLISECONDS);
        } else {
            answer.run();
        }
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** {@code scheme://address:port/path}, with brackets around an IPv6 address. */
    public URI url(String path) {
        String host = settings.address.contains(":") ? "[" + settings.address + "]" : settings.address;
        return URI.create((ssl != null ? "https" : "http") + "://" + host + ":" + port() + path);
    }

    /** Every request received (and processed), in arrival order. */
    /** The request body received on HTTP/2 for {@code path} so far (all streams to it together), as UTF-8. */
    public String http2Body(String path) {
        java.io.ByteArrayOutputStream body = requestBodies.get(path);
        return body == null ? "" : body.toString(StandardCharsets.UTF_8);
    }

    public List<Seen> requests() {
        return List.copyOf(seen);
    }

    /** How many times {@code path} was answered. */
    public int answeredCount(String path) {
        AtomicInteger count = answered.get(path);
        return count == null ? 0 : count.get();
    }

    /** Most requests in flight at once (received, not yet answered). */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** The TLS session id of every handshake, in order; a resumed session repeats an earlier id (TLS 1.2). */
    public List<String> sessionIds() {
        return List.copyOf(sessionIds);
    }

    /** The addresses connections came from (a proxy's outgoing address shows here). */
    public java.util.Set<String> peers() {
        return java.util.Set.copyOf(peers);
    }

    /** Streams that arrived above a GOAWAY's last stream id and were left unprocessed. */
    public int unprocessedStreams() {
        return unprocessed.get();
    }

    /** TCP connections accepted. */
    public int connections() {
        return connections.get();
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
