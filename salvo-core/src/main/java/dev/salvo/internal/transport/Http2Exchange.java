package dev.salvo.internal.transport;

import dev.salvo.ErrorType;
import dev.salvo.SalvoConfig.Header;
import dev.salvo.internal.url.Target;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.util.ReferenceCountUtil;

import java.util.Locale;
import java.util.Set;

/**
 * One request and its response on one HTTP/2 stream (the handler of a stream channel opened by
 * {@link Http2Connection}): sends the headers, reads the response headers and DATA frames,
 * counts, caps and hashes the body as it streams ({@link BodyDigest}), decoding it first with
 * {@code compressed} ({@link DecodedBody}), and renders the exchange for a WARC archive when
 * exchanges are captured ({@link Http2Capture}). Reading a DATA frame
 * returns its bytes to the flow-control window (Netty's stream channel does that as frames are
 * consumed). A reset stream ends the call, unless the server said it did not process it
 * (REFUSED_STREAM, or a GOAWAY below this stream's id): then the call moves to a new stream.
 *
 * <p>Confined to the event loop.
 */
final class Http2Exchange extends ChannelInboundHandlerAdapter {

    /** Connection-specific headers, which HTTP/2 forbids (RFC 9113 8.2.2). */
    private static final Set<String> NOT_FORWARDED =
            Set.of("connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "host", "te");

    private final Http2Connection connection;
    private final Http2Call call;
    private final BodyDigest body;
    private final Http2Options options;
    /** The body cap of this exchange: the run's, unless the exchange sets its own (robots.txt). */
    private final long maxBody;
    /** Decodes a content-coded body with {@code compressed}; null when the body is read as sent. */
    private DecodedBody decoded;
    /** Renders the exchange for a WARC archive; null unless exchanges are captured. */
    private Http2Capture capture;
    private int status;
    private long ttfbNanos;
    private Http2Headers headers;
    /** True once this stream is done with the call (finished, failed or given back). */
    private boolean over;

    Http2Exchange(Http2Connection connection, Http2Call call, Http2Options options) {
        this.options = options;
        this.connection = connection;
        this.call = call;
        this.maxBody = call.exchange.bodyCap(options.maxBody());
        this.body = new BodyDigest(maxBody, call.exchange.keepsBody(options.keepBodies()));
    }

    /**
     * The request's HEADERS frame, to be sent on {@code stream}; starts capturing the exchange when
     * exchanges are captured.
     */
    DefaultHttp2HeadersFrame request(io.netty.channel.Channel stream) {
        DefaultHttp2HeadersFrame frame = requestHeaders(call.exchange, options.compressed());
        if (options.captureLimit() > 0) {
            io.netty.channel.Channel parent = stream.parent();
            capture = new Http2Capture(options.captureLimit(), call.exchange.target().secure(),
                    parent == null ? null : Http1Connection.remoteIp(parent), frame.headers(), call.exchange.body());
        }
        return frame;
    }

    /**
     * The request's HEADERS frame; it ends the stream unless a body (one DATA frame) follows.
     * With {@code compressed}, it offers the codings Salvo decodes unless the caller set
     * Accept-Encoding.
     */
    static DefaultHttp2HeadersFrame requestHeaders(Exchange exchange, boolean compressed) {
        Target target = exchange.target();
        Http2Headers out = new DefaultHttp2Headers()
                .method(exchange.method())
                .scheme(target.secure() ? "https" : "http")
                .authority(target.hostHeader())
                .path(target.pathAndQuery());
        for (Header header : exchange.headers()) {
            String name = header.name().toLowerCase(Locale.ROOT);
            if (name.equals("host")) {
                out.authority(header.value());
            } else if (!NOT_FORWARDED.contains(name)) {
                out.add(name, HeaderText.utf8Bytes(header.value())); // add, not set: a repeated name sends every value
            }
        }
        if (compressed && !out.contains("accept-encoding")) {
            out.set("accept-encoding", ContentCodings.acceptEncoding());
        }
        if (exchange.body() != null) {
            out.setInt("content-length", exchange.body().length);
        } else {
            out.remove("content-length");
        }
        return new DefaultHttp2HeadersFrame(out, exchange.body() == null);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        try {
            if (over) {
                return;
            }
            if (message instanceof Http2HeadersFrame frame) {
                onHeaders(frame);
            } else if (message instanceof Http2DataFrame data) {
                onData(data);
            }
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    private void onHeaders(Http2HeadersFrame frame) {
        if (headers == null) {
            CharSequence code = frame.headers().status();
            int parsed;
            try {
                parsed = code == null ? -1 : Integer.parseInt(code.toString());
            } catch (NumberFormatException e) {
                parsed = -1;
            }
            if (parsed < 100 || parsed > 999) {
                fail(new Outcome.Failure(ErrorType.PROTOCOL, "malformed response: no valid :status"));
                return;
            }
            if (parsed < 200) {
                return; // 1xx (e.g. 103 Early Hints): the real response follows
            }
            status = parsed;
            ttfbNanos = System.nanoTime() - call.startedNanos;
            headers = frame.headers();
            if (capture != null) {
                capture.responseHeaders(status, headers);
            }
            boolean noBody = status == 204 || status == 304 || call.exchange.method().equals("HEAD");
            if (!noBody) {
                // With compressed, Content-Length counts the coded bytes, which are capped too.
                String overCap = call.exchange.cutsAtCap() ? null   // read up to the cap and cut there
                        : BodyDigest.declaredLengthOverCap(header("content-length"), maxBody);
                if (overCap != null) {
                    fail(new Outcome.Failure(ErrorType.TOO_LARGE, overCap, status, header("content-type")));
                    return;
                }
                String coding = options.compressed() ? header("content-encoding") : null;
                if (coding != null && !coding.isBlank()) {
                    decoded = new DecodedBody(coding.trim(), body, maxBody);
                }
            }
        }
        if (frame.isEndStream()) {
            complete(); // no body, or trailers after it
        }
    }

    private void onData(Http2DataFrame data) {
        if (headers == null) {
            fail(new Outcome.Failure(ErrorType.PROTOCOL, "malformed response: DATA before HEADERS"));
            return;
        }
        if (capture != null) {
            capture.data(data.content());
        }
        if (decoded != null) {
            Outcome.Failure stop = data.content().isReadable()
                    ? decoded.add(data.content(), status, header("content-type")) : null;
            if (stop != null) {
                fail(stop);
                return;
            }
        } else if (call.exchange.cutsAtCap()) {
            if (data.content().isReadable() && !body.addUpToCap(data.content())) {
                complete(true);
                if (call.stream != null) {
                    call.stream.close();   // resets the stream: the rest of the body is not wanted
                }
                return;
            }
        } else if (data.content().isReadable() && !body.add(data.content())) {
            fail(new Outcome.Failure(ErrorType.TOO_LARGE, body.overCapMessage(), status, header("content-type")));
            return;
        }
        if (data.isEndStream()) {
            complete();
        }
    }

    private String header(String name) {
        CharSequence value = headers == null ? null : headers.get(name);
        return value == null ? null : value.toString();
    }

    private void complete() {
        complete(false);
    }

    /** The response is whole, or {@code cut} at its cap (see {@link Exchange#cutsAtCap}). */
    private void complete(boolean cut) {
        if (decoded != null) {
            // The body is all here (the last DATA frame, or trailers after it): flush the decoder.
            Outcome.Failure failure = decoded.finish(status, header("content-type"));
            if (failure != null) {
                fail(failure);
                return;
            }
        }
        over = true;
        java.util.Map<String, java.util.List<String>> kept = null;
        if (options.keepHeaders()) {
            kept = new java.util.LinkedHashMap<>();
            for (java.util.Map.Entry<CharSequence, CharSequence> header : headers) {
                String name = header.getKey().toString();
                if (!name.startsWith(":")) {
                    kept.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new java.util.ArrayList<>(1))
                            .add(header.getValue().toString());
                }
            }
        }
        call.finish(new Outcome.Response(status, header("content-type"), header("location"),
                header("retry-after"), body.bytes(), body.sha256(), body.body(),
                decoded != null ? decoded.wireBytes() : body.bytes(), kept, timings(), header("etag"),
                header("last-modified"), captured(cut)).withRateLimit(this::header));
    }

    /** The exchange for a WARC archive, or null when not capturing. */
    private dev.salvo.CapturedExchange captured(boolean cut) {
        return capture == null ? null : capture.take(call.exchange.target().url(), cut);
    }

    /** The connection's making counts for the first stream that completes on it; later ones show 0. */
    private dev.salvo.FetchResult.Timings timings() {
        io.netty.channel.Channel parent = call.stream == null ? null : call.stream.parent();
        Dialer.Phases phases = parent == null ? null : parent.attr(Dialer.PHASES).getAndSet(null);
        if (phases == null) {
            phases = new Dialer.Phases(0, 0, 0);
        }
        return new dev.salvo.FetchResult.Timings(phases.dnsNanos(), phases.connectNanos(), phases.tlsNanos(),
                ttfbNanos, parent == null ? null : Http1Connection.remoteIp(parent));
    }

    /** Ends the call; closing the stream resets it, so the rest of a body is never sent. */
    private void fail(Outcome.Failure failure) {
        over = true;
        if (decoded != null) {
            decoded.close();
        }
        if (failure.type() == ErrorType.TOO_LARGE && capture != null) {
            failure = new Outcome.Failure(failure.type(), failure.message(), failure.status(),
                    failure.contentType(), captured(true));
        }
        call.finish(failure);
        if (call.stream != null) {
            call.stream.close();
        }
    }

    /** The server did not process the request: it goes to another stream, not counting as an attempt. */
    void unprocessed() {
        if (over) {
            return;
        }
        over = true;
        call.stream = null;
        connection.unprocessed(call);
    }

    /** The HEADERS frame could not be written: the request never reached the server. */
    void writeFailed(Throwable cause) {
        if (over) {
            return;
        }
        over = true;
        call.stream = null;
        connection.retryOrFail(call, cause);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        try {
            if (event instanceof Http2ResetFrame reset) {
                if (reset.errorCode() == Http2Error.REFUSED_STREAM.code()) {
                    unprocessed();
                } else if (!over) {
                    Http2Error error = Http2Error.valueOf(reset.errorCode());
                    fail(new Outcome.Failure(ErrorType.RESET, "the server reset the stream ("
                            + (error == null ? "code " + reset.errorCode() : error.name().toLowerCase(Locale.ROOT))
                            + ")"));
                }
            } else if (event instanceof Http2GoAwayFrame) {
                unprocessed(); // sent only to streams above the GOAWAY's last stream id
            }
        } finally {
            ReferenceCountUtil.release(event);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (over) {
            return;
        }
        Outcome.Failure failure = connection.failure();
        fail(failure != null ? failure : new Outcome.Failure(ErrorType.RESET, headers == null
                ? "stream closed before any response" : "stream closed before the response was complete"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!over) {
            fail(FailureClassifier.classify(cause));
        }
    }
}
