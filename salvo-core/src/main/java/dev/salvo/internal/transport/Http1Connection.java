package dev.salvo.internal.transport;

import dev.salvo.ErrorType;
import dev.salvo.FetchResult;
import dev.salvo.SalvoConfig.Header;
import dev.salvo.internal.policy.RetryRules;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One keep-alive HTTP/1.1 connection: writes a request, reads its response through Netty's
 * codec, counts and hashes the body, and goes back to its pool when the exchange ended cleanly.
 * One exchange at a time (no pipelining).
 *
 * <p>A response is handed on only when the read that ended it is over ({@code channelReadComplete}),
 * so that bytes the server sent past the response's framing (a body on a 204, 304 or HEAD
 * response, anything after a Content-Length body) are seen first: the connection is then closed,
 * never reused, and those bytes can never be read as the next request's response.
 *
 * <p>Confined to the engine's event-loop thread (the channel is registered on it).
 */
final class Http1Connection extends ChannelInboundHandlerAdapter {

    /** Supplies a fresh connection for a call whose stale keep-alive connection failed. */
    interface Reconnector {
        void reconnect(Http1Call call);
    }

    /** Longest status line and header block accepted; larger ones are protocol errors. */
    private static final int MAX_INITIAL_LINE = 16 * 1024;
    private static final int MAX_HEADER_BLOCK = 64 * 1024;
    private static final int MAX_CHUNK = 64 * 1024;

    private final Http1Pool pool;
    private final long maxBody;
    private final boolean keepBodies;
    private final boolean compressed;
    private final boolean keepHeaders;
    private final Reconnector reconnector;
    private final Http1ResponseDecoder decoder = new Http1ResponseDecoder(MAX_INITIAL_LINE, MAX_HEADER_BLOCK,
            MAX_CHUNK);
    private Channel channel;
    /** Tees raw bytes for WARC archives; null unless exchanges are captured. */
    private RawCapture capture;
    private Http1Call call;
    private int exchanges;

    // The response being read.
    private boolean responseStarted;
    private boolean skippingInterim;
    private int status;
    private HttpHeaders headers;
    private boolean keepAlive;
    private BodyDigest body;
    /** The body cap of the exchange being read: the transport's, unless the exchange sets its own. */
    private long bodyCap;
    /** Body bytes as they came over the network (before decoding); capped like the body. */
    private long wireBytes;
    /** The Content-Length and Content-Encoding the server sent, before a decoder changed the headers. */
    private String wireContentLength;
    private String wireContentEncoding;
    /** The headers as the server sent them, when kept. */
    private Map<String, List<String>> sentHeaders;
    /** How this connection was made, for the first exchange on it to report; null after. */
    private Dialer.Phases dialPhases;
    private long ttfbNanos;
    /** The complete response, held until the read that ended it is over. */
    private Outcome.Response completed;
    /** Bytes came after the response's end: the connection is out of step. */
    private boolean strayBytes;
    /** Reused across this connection's exchanges; {@code digest()} resets it. */
    private final java.security.MessageDigest sha256 = BodyDigest.newSha256Instance();

    /**
     * @param compressed  offer compressed bodies and decode them (bounded by {@code maxBody})
     * @param keepHeaders keep each response's headers for its result
     */
    Http1Connection(Http1Pool pool, long maxBody, boolean keepBodies, boolean compressed, boolean keepHeaders,
                    Reconnector reconnector) {
        this.pool = pool;
        this.maxBody = maxBody;
        this.keepBodies = keepBodies;
        this.compressed = compressed;
        this.keepHeaders = keepHeaders;
        this.reconnector = reconnector;
    }

    boolean isUsable() {
        return channel != null && channel.isActive() && call == null;
    }

    void close() {
        if (channel != null) {
            channel.close();
        }
    }

    /**
     * Adds the HTTP/1.1 codec and this connection at the end of {@code pipeline}; with
     * {@code compressed}, a meter of the bytes as sent and Netty's decompressor go between them.
     * The decompressor hands the body on in bounded pieces as it inflates, so the body cap stops
     * a decompression bomb after at most a piece past the cap.
     */
    void addTo(ChannelPipeline pipeline) {
        pipeline.addLast(new HttpRequestEncoder()).addLast(decoder);
        if (compressed) {
            pipeline.addLast(new WireMeter()).addLast(new HttpContentDecompressor(false, 0));
        }
        pipeline.addLast(this);
    }

    /** Notes what the server sent before the decompressor rewrites it: its length, headers and bytes. */
    private final class WireMeter extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            if (message instanceof HttpResponse response) {
                wireContentLength = response.headers().get(HttpHeaderNames.CONTENT_LENGTH);
                wireContentEncoding = response.headers().get(HttpHeaderNames.CONTENT_ENCODING);
                if (keepHeaders) {
                    sentHeaders = headerMap(response.headers());
                }
            }
            if (message instanceof HttpContent content) {
                wireBytes += content.content().readableBytes();
            }
            ctx.fireChannelRead(message);
        }
    }

    /** Headers by lower-case name, values in the order received. */
    private static Map<String, List<String>> headerMap(HttpHeaders headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : headers) {
            map.computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT), name -> new ArrayList<>(1))
                    .add(header.getValue());
        }
        return map;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        capture = ctx.pipeline().get(RawCapture.class);
    }

    /** Sends {@code next} on this connection. */
    void start(Http1Call next) {
        call = next;
        next.connection = this;
        responseStarted = false;
        skippingInterim = false;
        bodyCap = next.exchange.bodyCap(maxBody);
        body = new BodyDigest(bodyCap, next.exchange.keepsBody(keepBodies), sha256);
        wireBytes = 0;
        wireContentLength = null;
        wireContentEncoding = null;
        sentHeaders = null;
        dialPhases = channel.attr(Dialer.PHASES).getAndSet(null);
        ttfbNanos = 0;
        Exchange exchange = next.exchange;
        byte[] requestBody = exchange.body();
        DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1,
                HttpMethod.valueOf(exchange.method()), exchange.target().pathAndQuery(),
                requestBody == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(requestBody));
        HttpHeaders out = request.headers();
        out.set(HttpHeaderNames.HOST, exchange.target().hostHeader());
        for (Header header : exchange.headers()) {
            // A repeated name sends every value, as curl does; only Host must stay single.
            if (header.name().equalsIgnoreCase("Host")) {
                out.set(HttpHeaderNames.HOST, HeaderText.utf8Bytes(header.value()));
            } else {
                out.add(header.name(), HeaderText.utf8Bytes(header.value()));
            }
        }
        if (compressed && !out.contains(HttpHeaderNames.ACCEPT_ENCODING)) {
            out.set(HttpHeaderNames.ACCEPT_ENCODING, ContentCodings.acceptEncoding());
        }
        // The body's length is the one framing sent; a user's Content-Length or chunking cannot override it.
        out.remove(HttpHeaderNames.TRANSFER_ENCODING);
        if (requestBody != null) {
            out.set(HttpHeaderNames.CONTENT_LENGTH, requestBody.length);
        } else if (!exchange.method().equals("GET") && !exchange.method().equals("HEAD")) {
            out.set(HttpHeaderNames.CONTENT_LENGTH, 0);
        } else {
            out.remove(HttpHeaderNames.CONTENT_LENGTH);
        }
        if (capture != null) {
            capture.begin();
        }
        decoder.expectResponseTo(exchange.method());
        channel.writeAndFlush(request).addListener(written -> {
            if (!written.isSuccess()) {
                fail(FailureClassifier.classify(written.cause()));
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        try {
            if (call == null) {
                // Bytes nobody asked for: the connection is out of step, so drop it.
                ctx.close();
                return;
            }
            if (completed != null) {
                strayBytes = true; // a message after the response's end; see channelReadComplete
                return;
            }
            if (message instanceof HttpResponse response) {
                onHead(response);
            }
            if (call != null && message instanceof HttpContent content) {
                onContent(content);
            }
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    private void onHead(HttpResponse response) {
        if (response.decoderResult().isFailure()) {
            fail(new Outcome.Failure(ErrorType.PROTOCOL, "malformed response: "
                    + MalformedResponse.describe(response.decoderResult().cause(), false, MAX_INITIAL_LINE,
                            MAX_HEADER_BLOCK)));
            return;
        }
        responseStarted = true;
        status = response.status().code();
        if (status >= 100 && status < 200 && status != 101) {
            skippingInterim = true; // e.g. 103 Early Hints: the real response follows
            return;
        }
        headers = response.headers();
        ttfbNanos = System.nanoTime() - call.startedNanos;
        // After 101 the connection no longer speaks HTTP/1.1 (we never ask for an upgrade).
        keepAlive = HttpUtil.isKeepAlive(response) && status != 101;
        if (keepHeaders && !compressed) {
            sentHeaders = headerMap(headers);
        }
        boolean bodiless = call.exchange.method().equals("HEAD") || status == 204 || status == 304 || status < 200;
        if (bodiless) {
            return; // its Content-Length, if any, describes a body that is not sent
        }
        if (cutsAtCap()) {
            return; // read up to the cap and cut there (onContent)
        }
        String declared = compressed ? wireContentLength : headers.get(HttpHeaderNames.CONTENT_LENGTH);
        String overCap = BodyDigest.declaredLengthOverCap(declared, bodyCap);
        if (overCap != null) {
            tooLarge(overCap);
        }
    }

    private void onContent(HttpContent content) {
        if (content.decoderResult().isFailure()) {
            fail(new Outcome.Failure(ErrorType.PROTOCOL, "malformed response body: "
                    + MalformedResponse.describe(content.decoderResult().cause(), true, MAX_INITIAL_LINE,
                            MAX_HEADER_BLOCK)));
            return;
        }
        if (skippingInterim) {
            if (content instanceof LastHttpContent) {
                skippingInterim = false;
            }
            return;
        }
        boolean cuts = cutsAtCap();
        if (!compressed) {
            wireBytes += content.content().readableBytes();
        } else if (wireBytes > bodyCap && !cuts) {
            tooLarge(DecodedBody.wireOverCap(bodyCap));
            return;
        }
        if (content.content().isReadable()) {
            if (cuts && !body.addUpToCap(content.content())) {
                keepAlive = false; // the rest of the body is left unread, so the connection goes
                complete(true);
                return;
            }
            if (!cuts && !body.add(content.content())) {
                tooLarge(compressed ? DecodedBody.decodedOverCap(bodyCap) : body.overCapMessage());
                return;
            }
        }
        if (content instanceof LastHttpContent) {
            complete(false);
        }
    }

    /**
     * Whether this call's body is cut at its cap rather than failed (see {@link Exchange#cutsAtCap}):
     * only a body without a content coding, whose bytes as read are the body's own.
     */
    private boolean cutsAtCap() {
        return call.exchange.cutsAtCap() && (!compressed || !isCoded(wireContentEncoding));
    }

    private static boolean isCoded(String contentEncoding) {
        return contentEncoding != null && !contentEncoding.isBlank()
                && !contentEncoding.trim().equalsIgnoreCase("identity");
    }

    /**
     * The response is whole, or {@code cut} at its cap: held until the read completes, then
     * delivered (channelReadComplete).
     */
    private void complete(boolean cut) {
        completed = new Outcome.Response(status, headers.get(HttpHeaderNames.CONTENT_TYPE),
                headers.get(HttpHeaderNames.LOCATION), headers.get(HttpHeaderNames.RETRY_AFTER), body.bytes(),
                body.sha256(), body.body(), wireBytes, sentHeaders, timings(), headers.get(HttpHeaderNames.ETAG),
                headers.get(HttpHeaderNames.LAST_MODIFIED), captured(cut));
        completed = completed.withRateLimit(headers::get);
        // Bytes already read past this response (in this same buffer) show up here.
        strayBytes = decoder.hasUnreadBytes();
    }

    private FetchResult.Timings timings() {
        Dialer.Phases phases = dialPhases == null ? new Dialer.Phases(0, 0, 0) : dialPhases;
        return new FetchResult.Timings(phases.dnsNanos(), phases.connectNanos(), phases.tlsNanos(), ttfbNanos,
                remoteIp(channel));
    }

    /** The peer's IP address as text, or null when the channel has none. */
    static String remoteIp(Channel channel) {
        return channel.remoteAddress() instanceof java.net.InetSocketAddress address && address.getAddress() != null
                ? address.getAddress().getHostAddress() : null;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (completed != null) {
            deliverCompleted();
        }
        ctx.fireChannelReadComplete();
    }

    /**
     * Hands the held response to its call. The connection goes back to the pool before the engine
     * hears of it (the engine may send the host's next request from inside finish(), and that
     * request should get this warm connection), unless anything came past the response.
     */
    private void deliverCompleted() {
        Http1Call finished = call;
        Outcome.Response response = completed;
        boolean reusable = keepAlive && !strayBytes && !decoder.hasUnreadBytes() && channel.isActive();
        call = null;
        completed = null;
        strayBytes = false;
        body = null;
        headers = null;
        exchanges++;
        finished.connection = null;
        if (reusable) {
            pool.release(this);
        } else {
            channel.close();
        }
        finished.finish(response);
    }

    private void tooLarge(String message) {
        Integer finalStatus = status;
        String contentType = headers == null ? null : headers.get(HttpHeaderNames.CONTENT_TYPE);
        fail(new Outcome.Failure(ErrorType.TOO_LARGE, message, finalStatus, contentType, captured(true)));
    }

    /** The raw exchange for a WARC archive, or null when not capturing. */
    private dev.salvo.CapturedExchange captured(boolean cut) {
        return capture == null ? null : capture.take(call.exchange.target().url(), cut);
    }

    /** Ends the current call with {@code failure} and drops the connection, whose state is now unknown. */
    private void fail(Outcome.Failure failure) {
        Http1Call failed = call;
        call = null;
        channel.close();
        if (failed == null || failed.isFinished()) {
            return;
        }
        failed.connection = null;
        // A keep-alive connection the server had already closed fails before any response byte;
        // that says nothing about the URL, so it gets one fresh connection without counting as an attempt.
        boolean stale = exchanges > 0 && !responseStarted && failure.type() == ErrorType.RESET;
        // Only an idempotent request may go out twice: the server may have acted on the first one
        // before it closed (RFC 9110 9.2.2).
        if (stale && !failed.staleRetried && RetryRules.isIdempotent(failed.exchange.method())) {
            failed.staleRetried = true;
            reconnector.reconnect(failed);
            return;
        }
        failed.finish(failure);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        pool.closed(this);
        if (completed != null) {
            deliverCompleted(); // a body that ended with the connection, or a close right after
        } else if (call != null) {
            fail(new Outcome.Failure(ErrorType.RESET, responseStarted
                    ? "connection closed before the response was complete"
                    : "connection closed before any response"));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (completed != null) {
            strayBytes = true;
            deliverCompleted();
        } else if (call != null && DecodedBody.isDecodingFailure(cause)) {
            fail(new Outcome.Failure(ErrorType.PROTOCOL, DecodedBody.undecodable(wireContentEncoding, cause),
                    status == 0 ? null : status, null));
        } else if (call != null) {
            fail(FailureClassifier.classify(cause));
        } else {
            ctx.close();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && call == null) {
            ctx.close(); // idle keep-alive connection: let it go before the server does
        }
    }
}
