package dev.salvo.internal.transport;

import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpResponseDecoder;

/**
 * Netty's HTTP/1.1 response decoder, told which method the response answers, as
 * {@code HttpClientCodec} tells its own: a response to HEAD has no body whatever its headers say
 * (RFC 9110 9.3.2), and neither do 1xx, 204 and 304, which Netty's decoder already knows.
 * {@code HttpClientCodec} keeps a queue of methods for pipelining and takes one off for a 103
 * too; with one exchange at a time on a connection, one field is exact.
 *
 * <p>It also says whether bytes are left over past the end of a response, which no correct
 * server sends on a connection without pipelining: such a connection is out of step and is
 * closed rather than reused.
 *
 * <p>Confined to its channel's event loop.
 */
final class Http1ResponseDecoder extends HttpResponseDecoder {

    private boolean headRequest;

    Http1ResponseDecoder(int maxInitialLine, int maxHeaderBlock, int maxChunk) {
        super(new HttpDecoderConfig()
                .setMaxInitialLineLength(maxInitialLine)
                .setMaxHeaderSize(maxHeaderBlock)
                .setMaxChunkSize(maxChunk));
    }

    /** Tells the decoder the method of the request whose response comes next. */
    void expectResponseTo(String method) {
        headRequest = method.equals("HEAD");
    }

    /** Whether bytes have arrived that the decoder has not yet turned into messages. */
    boolean hasUnreadBytes() {
        return actualReadableBytes() > 0;
    }

    @Override
    protected boolean isContentAlwaysEmpty(HttpMessage message) {
        return headRequest || super.isContentAlwaysEmpty(message);
    }
}
