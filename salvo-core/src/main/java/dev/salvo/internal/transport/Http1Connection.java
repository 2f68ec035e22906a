package dev.salvo.internal.transport;

import dev.salvo.ErrorType;
import dev.salvo.SalvoConfig.Header;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * One keep-alive HTTP/1.1 connection: writes a request, reads its response through Netty's
 * codec, counts and hashes the body, and goes back to its pool when the exchange ended cleanly.
 * One exchange at a time (no pipelining).
 *
 * <p>Confined to the engine's event-loop thread (the channel is registered on it).
 */
final class Http1Connection extends ChannelInboundHandlerAdapter {

    /** Supplies a fresh connection for a call whose stale keep-alive connection failed. */
    interface Reconnector {
        void reconnect(Http1Call call);
    }

    private final Http1Pool pool;
    private final long maxBody;
    private final boolean keepBodies;
    private final Reconnector reconnector;
    private Channel channel;
    private Http1Call call;
    private int exchanges;

    // The response being read.
    private boolean responseStarted;
    private boolean skippingInterim;
    private int status;
    private HttpHeaders headers;
    private boolean keepAlive;
    private BodyDigest body;
    /** Reused across this connection's exchanges; {@code digest()} resets it. */
    private final java.security.MessageDigest sha256 = BodyDigest.newSha256Instance();

    Http1Connection(Http1Pool pool, long maxBody, boolean keepBodies, Reconnector reconnector) {
        this.pool = pool;
        this.maxBody = maxBody;
        this.keepBodies = keepBodies;
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

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    /** Sends {@code next} on this connection. */
    void start(Http1Call next) {
        call = next;
        next.connection = this;
        responseStarted = false;
        skippingInterim = false;
        body = new BodyDigest(maxBody, keepBodies, sha256);
        Exchange exchange = next.exchange;
        DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1,
                HttpMethod.valueOf(exchange.method()), exchange.target().pathAndQuery(), Unpooled.EMPTY_BUFFER);
        HttpHeaders out = request.headers();
        out.set(HttpHeaderNames.HOST, exchange.target().hostHeader());
        for (Header header : exchange.headers()) {
            out.set(header.name(), HeaderText.utf8Bytes(header.value()));
        }
        if (!exchange.method().equals("GET") && !exchange.method().equals("HEAD")) {
            out.set(HttpHeaderNames.CONTENT_LENGTH, 0);
        }
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
                    + response.decoderResult().cause().getMessage()));
            return;
        }
        responseStarted = true;
        status = response.status().code();
        if (status >= 100 && status < 200 && status != 101) {
            skippingInterim = true; // e.g. 103 Early Hints: the real response follows
            return;
        }
        headers = response.headers();
        keepAlive = HttpUtil.isKeepAlive(response);
        String overCap = BodyDigest.declaredLengthOverCap(headers.get(HttpHeaderNames.CONTENT_LENGTH), maxBody);
        if (overCap != null) {
            tooLarge(overCap);
        }
    }

    private void onContent(HttpContent content) {
        if (content.decoderResult().isFailure()) {
            fail(new Outcome.Failure(ErrorType.PROTOCOL, "malformed response body: "
                    + content.decoderResult().cause().getMessage()));
            return;
        }
        if (skippingInterim) {
            if (content instanceof LastHttpContent) {
                skippingInterim = false;
            }
            return;
        }
        if (content.content().isReadable() && !body.add(content.content())) {
            tooLarge(body.overCapMessage());
            return;
        }
        if (content instanceof LastHttpContent) {
            Http1Call finished = call;
            Outcome.Response response = new Outcome.Response(status, headers.get(HttpHeaderNames.CONTENT_TYPE),
                    headers.get(HttpHeaderNames.LOCATION), headers.get(HttpHeaderNames.RETRY_AFTER), body.bytes(),
                    body.sha256(), body.body());
            call = null;
            body = null;
            headers = null;
            exchanges++;
            finished.connection = null;
            // Back to the pool before the engine hears of it: the engine may send the host's next
            // request from inside finish(), and that request should get this warm connection.
            if (keepAlive && channel.isActive()) {
                pool.release(this);
            } else {
                channel.close();
            }
            finished.finish(response);
        }
    }

    private void tooLarge(String message) {
        Integer finalStatus = status;
        String contentType = headers == null ? null : headers.get(HttpHeaderNames.CONTENT_TYPE);
        fail(new Outcome.Failure(ErrorType.TOO_LARGE, message, finalStatus, contentType));
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
        if (stale && !failed.staleRetried) {
            failed.staleRetried = true;
            reconnector.reconnect(failed);
            return;
        }
        failed.finish(failure);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        pool.closed(this);
        if (call != null) {
            fail(new Outcome.Failure(ErrorType.RESET, responseStarted
                    ? "connection closed before the response was complete"
                    : "connection closed before any response"));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (call != null) {
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
