package dev.salvo.internal.transport;

import dev.salvo.ErrorType;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;

import java.util.concurrent.TimeUnit;

/**
 * One HTTP/2 connection to a host, built as Netty's own examples build one: an
 * {@code Http2FrameCodec} and an {@code Http2MultiplexHandler}, with one child channel per
 * request ({@link Http2Exchange}). Carries at most {@code min(perHost, the server's
 * SETTINGS_MAX_CONCURRENT_STREAMS)} streams at once, and none before the server's SETTINGS
 * arrived. After a GOAWAY it takes no new streams and closes when its last stream ends.
 *
 * <p>Confined to the engine's event-loop thread.
 */
final class Http2Connection extends ChannelInboundHandlerAdapter {

    /** What the connection tells its transport. */
    interface Listener {
        /** The connection can take streams now (SETTINGS arrived, or a stream ended). */
        void capacity(Http2Connection connection);

        /** The connection is gone (closed, or going away): it takes no new streams. */
        void gone(Http2Connection connection);

        /** The server did not process {@code call}; send it again elsewhere. */
        void unprocessed(Http2Call call);
    }

    /** An idle connection (no streams) is closed after this. */
    private static final int IDLE_SECONDS = 30;
    /**
     * Receive windows: HTTP/2's default 64 KiB per connection would let a server send only 64 KiB
     * per round trip over all streams; bodies are consumed (hashed) as they arrive, so larger
     * windows cost no memory here.
     */
    private static final int STREAM_WINDOW = 1 << 20;
    private static final int CONNECTION_WINDOW = 16 << 20;

    final String hostKey;
    private final Listener listener;
    private final int perHost;
    private final Http2Options options;
    private Channel channel;
    private boolean ready;
    private boolean goingAway;
    private boolean gone;
    private long serverMaxStreams = Long.MAX_VALUE;
    private int active;
    /** Why the connection failed, when it did; streams it takes down report this. */
    private Outcome.Failure failure;

    private Http2Connection(String hostKey, Listener listener, int perHost, Http2Options options) {
        this.hostKey = hostKey;
        this.listener = listener;
        this.perHost = perHost;
        this.options = options;
    }

    /** Puts HTTP/2 on {@code channel}, a connection just dialed (TLS done where there is TLS). */
    static Http2Connection install(Channel channel, String hostKey, Listener listener, int perHost,
                                   Http2Options options) {
        Http2Connection connection = new Http2Connection(hostKey, listener, perHost, options);
        channel.pipeline().remove(Dialer.DialGuard.class);
        channel.pipeline()
                .addLast(new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS))
                .addLast(Http2FrameCodecBuilder.forClient()
                        .initialSettings(Http2Settings.defaultSettings().pushEnabled(false)
                                .initialWindowSize(STREAM_WINDOW))
                        .gracefulShutdownTimeoutMillis(0)
                        .build())
                .addLast(new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()))
                .addLast(connection);
        // A WINDOW_UPDATE on stream 0 widens the connection's window (the codec sends it).
        channel.writeAndFlush(new DefaultHttp2WindowUpdateFrame(CONNECTION_WINDOW - Http2CodecUtil.DEFAULT_WINDOW_SIZE));
        return connection;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    /** True once the server's SETTINGS arrived, so HTTP/2 is spoken on both sides. */
    boolean wasReady() {
        return ready;
    }

    boolean goingAway() {
        return goingAway;
    }

    Outcome.Failure failure() {
        return failure;
    }

    /** True when a new stream may start now. */
    boolean hasCapacity() {
        return ready && !goingAway && !gone && channel.isActive() && active < Math.min(perHost, serverMaxStreams);
    }

    /** Sends {@code call} on a new stream; the caller checked {@link #hasCapacity()}. */
    void start(Http2Call call) {
        active++;
        Http2Exchange exchange = new Http2Exchange(this, call, options);
        new Http2StreamChannelBootstrap(channel).handler(exchange).open().addListener(opened -> {
            if (!opened.isSuccess()) {
                streamEnded();
                retryOrFail(call, opened.cause());
                return;
            }
            Http2StreamChannel stream = (Http2StreamChannel) opened.getNow();
            stream.closeFuture().addListener(closed -> streamEnded());
            if (call.isFinished()) {
                stream.close(); // aborted while the stream was being opened
                return;
            }
            call.stream = stream;
            byte[] requestBody = call.exchange.body();
            io.netty.channel.ChannelFuture sent;
            if (requestBody == null) {
                sent = stream.writeAndFlush(exchange.request(stream));
            } else {
                stream.write(exchange.request(stream));
                // The codec's flow controller sends it as the server's windows allow.
                sent = stream.writeAndFlush(new io.netty.handler.codec.http2.DefaultHttp2DataFrame(
                        io.netty.buffer.Unpooled.wrappedBuffer(requestBody), true));
            }
            sent.addListener(written -> {
                if (!written.isSuccess()) {
                    exchange.writeFailed(written.cause());
                }
            });
        });
    }

    /** A stream that could not start: unprocessed when the connection is going away, else a failure. */
    void retryOrFail(Http2Call call, Throwable cause) {
        if (goingAway || gone) {
            unprocessed(call);
        } else {
            call.finish(FailureClassifier.classify(cause));
        }
    }

    void unprocessed(Http2Call call) {
        listener.unprocessed(call);
    }

    private void streamEnded() {
        active--;
        if (goingAway && active == 0) {
            channel.close();
        } else if (hasCapacity()) {
            listener.capacity(this);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        try {
            if (message instanceof Http2SettingsFrame settings) {
                Long max = settings.settings().maxConcurrentStreams();
                if (max != null) {
                    serverMaxStreams = max;
                }
                ready = true;
                if (hasCapacity()) {
                    listener.capacity(this);
                }
            } else if (message instanceof Http2GoAwayFrame) {
                // Streams above its last stream id were told (Http2Exchange.unprocessed); those
                // below run to their end, then the connection closes.
                goingAway = true;
                goneOnce();
                if (active == 0) {
                    ctx.close();
                }
            }
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    private void goneOnce() {
        if (!gone) {
            gone = true;
            listener.gone(this);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (failure == null && !ready) {
            failure = new Outcome.Failure(ErrorType.PROTOCOL, "the server closed the connection before HTTP/2 began"
                    + " (does it speak HTTP/2?)");
        }
        goneOnce();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (failure == null) {
            failure = FailureClassifier.classify(cause);
        }
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && active == 0) {
            ctx.close();
        }
    }

    void close() {
        if (channel != null) {
            channel.close();
        }
    }
}
