package dev.salvo.internal.transport;

import dev.salvo.CapturedExchange;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * Tees the raw bytes of each exchange on a connection, for WARC archives: placed before the HTTP
 * codec (nearer the socket), it copies every outbound and inbound buffer as it passes, without
 * consuming it. Opt-in ({@code SalvoConfig.captureExchanges}); when off it is not in the pipeline.
 *
 * <p>The connection calls {@link #begin} before writing a request and {@link #take} when the
 * response has ended (or was cut off). Each direction is bounded: past {@code limit} bytes the
 * rest is not copied and the capture is marked truncated, so a capture never holds much more than
 * the body cap allows.
 *
 * <p>Confined to the channel's event loop.
 */
final class RawCapture extends ChannelDuplexHandler {

    private final long limit;
    private ByteArrayOutputStream request = new ByteArrayOutputStream(256);
    private ByteArrayOutputStream response = new ByteArrayOutputStream(1024);
    private boolean truncated;
    private Instant date = Instant.EPOCH;
    private String ip;

    /** @param limit most bytes kept of each direction of one exchange */
    RawCapture(long limit) {
        this.limit = limit;
    }

    /**
     * Most raw bytes kept per direction of one exchange when {@code config} captures exchanges (the
     * body cap plus room for the header block), else 0.
     */
    static long limit(dev.salvo.SalvoConfig config) {
        return config.captureExchanges() ? config.maxBody() + 256 * 1024 : 0;
    }

    /**
     * Adds a capture to {@code pipeline} when {@code limit} is positive (exchanges are captured);
     * call it between the handlers nearer the socket and the HTTP codec.
     */
    static void addIfCapturing(ChannelPipeline pipeline, long limit) {
        if (limit > 0) {
            pipeline.addLast(new RawCapture(limit));
        }
    }

    /** Starts capturing a new exchange; whatever came before is dropped. */
    void begin() {
        request = new ByteArrayOutputStream(256);
        response = new ByteArrayOutputStream(1024);
        truncated = false;
        date = Instant.now();
    }

    /**
     * The exchange captured since {@link #begin}.
     *
     * @param targetUri the URI the exchange was for
     * @param cut       true when the response was ended early (e.g. by the body cap)
     */
    CapturedExchange take(String targetUri, boolean cut) {
        return new CapturedExchange(targetUri, ip, date, request.toByteArray(), response.toByteArray(),
                truncated || cut);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress remote && remote.getAddress() != null) {
            ip = remote.getAddress().getHostAddress();
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) throws Exception {
        if (message instanceof ByteBuf bytes) {
            copy(bytes, response);
        }
        super.channelRead(ctx, message);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) throws Exception {
        if (message instanceof ByteBuf bytes) {
            copy(bytes, request);
        }
        super.write(ctx, message, promise);
    }

    private void copy(ByteBuf bytes, ByteArrayOutputStream into) throws java.io.IOException {
        int room = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(0, limit - into.size()));
        int n = Math.min(room, bytes.readableBytes());
        if (n < bytes.readableBytes()) {
            truncated = true;
        }
        if (n > 0) {
            bytes.getBytes(bytes.readerIndex(), into, n);
        }
    }
}
