package dev.salvo.internal.transport;

import dev.salvo.ErrorType;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * A content-coded body decoded as it streams, for HTTP/2 streams with {@code --compressed}: the
 * coded bytes go through the same decoder the HTTP/1.1 connection puts in its pipeline (Netty's
 * {@code HttpContentDecompressor}, not strict, so gzip, deflate, br and zstd are read alike on both
 * protocols), here run in an embedded channel because an HTTP/2 stream carries frames, not HTTP/1.1
 * messages. Decoded pieces go to a {@link BodyDigest} as the decoder hands them on, so no body is
 * held whole; once the decoded body passes the cap the rest of the pieces are dropped, and the
 * caller stops reading, so a decompression bomb costs at most the inflation of one DATA frame past
 * the cap. The wire bytes are counted and capped too.
 *
 * <p>Not thread-safe: one per exchange, on its event loop.
 */
final class DecodedBody {

    private final EmbeddedChannel decoder;
    private final BodyDigest body;
    private final String coding;
    private final long maxBody;
    private long wireBytes;
    private boolean overCap;

    /**
     * Starts decoding a body sent with {@code contentEncoding} into {@code body}. An unknown coding
     * passes through as sent (as on HTTP/1.1), so its {@code bytes} and {@code sha256} describe the
     * coded body.
     */
    DecodedBody(String contentEncoding, BodyDigest body, long maxBody) {
        this.body = body;
        this.coding = contentEncoding;
        this.maxBody = maxBody;
        this.decoder = new EmbeddedChannel(new HttpContentDecompressor(false, 0), new Sink());
        DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_ENCODING, contentEncoding);
        decoder.writeInbound(head);
    }

    /** Receives what the decompressor hands on: the decoded pieces, one at a time. */
    private final class Sink extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            try {
                if (message instanceof HttpContent content && !overCap && content.content().isReadable()
                        && !body.add(content.content())) {
                    overCap = true; // every further piece is dropped unread
                }
            } finally {
                ReferenceCountUtil.release(message);
            }
        }
    }

    /**
     * Decodes the next coded bytes (their indexes are not moved); returns why the body must end
     * here (over the cap, or undecodable), or null to read on.
     */
    Outcome.Failure add(ByteBuf coded, Integer status, String contentType) {
        wireBytes += coded.readableBytes();
        if (wireBytes > maxBody) {
            return tooLarge(wireOverCap(maxBody), status, contentType);
        }
        return feed(new DefaultHttpContent(coded.retainedDuplicate()), status, contentType);
    }

    /** The body ended: flushes the decoder; returns why the body is unusable, or null. */
    Outcome.Failure finish(Integer status, String contentType) {
        Outcome.Failure failure = feed(LastHttpContent.EMPTY_LAST_CONTENT, status, contentType);
        close();
        return failure;
    }

    private Outcome.Failure feed(HttpContent content, Integer status, String contentType) {
        try {
            decoder.writeInbound(content);
        } catch (RuntimeException e) {
            if (!isDecodingFailure(e)) {
                throw e;
            }
            return new Outcome.Failure(ErrorType.PROTOCOL, undecodable(coding, e), status, null);
        }
        return overCap ? tooLarge(decodedOverCap(maxBody), status, contentType)
                : null;
    }

    private static Outcome.Failure tooLarge(String message, Integer status, String contentType) {
        return new Outcome.Failure(ErrorType.TOO_LARGE, message, status, contentType);
    }

    /** Body bytes as they came over the network. */
    long wireBytes() {
        return wireBytes;
    }

    /** Lets the decoder go (its native state, for br and zstd); safe to call more than once. */
    void close() {
        try {
            decoder.finishAndReleaseAll();
        } catch (RuntimeException e) {
            // a decoder's complaint about a body already given up on: nothing more to say
        }
    }

    /** Why a coded body stopped: its bytes on the wire passed the cap. */
    static String wireOverCap(long maxBody) {
        return "compressed body exceeds the cap of " + maxBody + " bytes";
    }

    /** Why a coded body stopped: the decoded body passed the cap. */
    static String decodedOverCap(long maxBody) {
        return "decoded body exceeds the cap of " + maxBody + " bytes";
    }

    /** The one line saying a body sent with {@code coding} could not be decoded. */
    static String undecodable(String coding, Throwable cause) {
        return "the body could not be decoded (Content-Encoding " + coding + "): " + rootMessage(cause);
    }

    /** True when {@code cause} is a decoder's complaint about its input, not a fault of the connection. */
    static boolean isDecodingFailure(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DecompressionException || t instanceof java.util.zip.DataFormatException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? "corrupt data" : root.getMessage();
    }
}
