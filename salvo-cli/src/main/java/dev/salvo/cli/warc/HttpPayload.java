package dev.salvo.cli.warc;

import org.netpreserve.jwarc.HttpParser;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MessageHeaders;
import org.netpreserve.jwarc.WarcDigest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.security.MessageDigest;

/**
 * Finds the payload of a captured HTTP response: where its body starts, and the SHA-1 of the body
 * with chunked framing removed and content coding kept (the {@code WARC-Payload-Digest}, as warcio
 * and wget compute it). The header block is read with jwarc's own lenient HTTP parser, in place in
 * the captured array. A body with a {@code Content-Length} is then digested in place too; a chunked
 * body is read through jwarc's {@code HttpResponse}, which removes the framing.
 *
 * <p>The digest is the one jwarc's {@code HttpResponse.parse(...).body()} gives over the same bytes:
 * none when the header block is cut or invalid, when the body is empty, or when fewer bytes came than
 * {@code Content-Length} promised. One difference: a body framed by neither {@code Content-Length}
 * nor chunking (HTTP/1.0 ended by closing the connection, HTTP/2 without {@code content-length})
 * is the rest of the captured bytes, as warcio and wget digest it, unless the capture was cut;
 * jwarc, reading from a stream, cannot tell where such a body ends and gives none.
 *
 * <p>Not thread-safe: it reuses the digest it was given and a buffer.
 */
final class HttpPayload {

    /**
     * @param bodyStart where the body starts in the response, or -1 when the header block could
     *                  not be read
     * @param digest    the payload digest, or null when there is none (see the class comment)
     */
    record Found(int bodyStart, WarcDigest digest) {
        static final Found NONE = new Found(-1, null);
    }

    private final MessageDigest sha1;
    private final byte[] buffer = new byte[8192];

    /** @param sha1 the digest to use; it is reset before and after each use */
    HttpPayload(MessageDigest sha1) {
        this.sha1 = sha1;
    }

    /**
     * The payload of {@code response}, the raw bytes of an HTTP response; {@code cut} when the
     * capture stopped before the response ended (the body cap), so a body framed by nothing but
     * its end is not known whole.
     */
    Found find(byte[] response, boolean cut) {
        sha1.reset();
        HttpParser parser = new HttpParser();
        parser.lenientResponse();
        ByteBuffer bytes = ByteBuffer.wrap(response);
        parser.parse(bytes);
        if (!parser.isFinished()) {
            return Found.NONE;
        }
        int bodyStart = bytes.position();
        MessageHeaders headers = parser.headers();
        WarcDigest digest;
        try {
            digest = headers.contains("Transfer-Encoding", "chunked")
                    ? chunked(response)
                    : lengthed(response, bodyStart, headers, cut);
        } catch (IOException | RuntimeException e) {
            sha1.reset();
            digest = null; // e.g. cut by the body cap in the middle of a chunk, as jwarc does
        }
        return new Found(bodyStart, digest);
    }

    private WarcDigest lengthed(byte[] response, int bodyStart, MessageHeaders headers, boolean cut) {
        long length;
        if (headers.first("Content-Length").isEmpty()) {
            // Framed by its end (HTTP/1.0 closing the connection, HTTP/2 without content-length):
            // the rest of the capture, as warcio and wget digest it, if the capture was not cut.
            length = cut ? -1 : response.length - bodyStart;
        } else {
            try {
                length = headers.first("Content-Length").map(Long::parseLong).orElse(-1L);
            } catch (NumberFormatException e) {
                length = -1;
            }
        }
        if (length <= 0 || length > response.length - bodyStart) {
            return null;
        }
        sha1.update(response, bodyStart, (int) length);
        return new WarcDigest(sha1);
    }

    /** Reads the whole response again through jwarc, which removes the chunked framing. */
    private WarcDigest chunked(byte[] response) throws IOException {
        HttpResponse http = HttpResponse.parse(new ArrayChannel(response));
        long length = 0;
        try (InputStream body = http.body().stream()) {
            int n;
            while ((n = body.read(buffer)) >= 0) {
                sha1.update(buffer, 0, n);
                length += n;
            }
        }
        if (length == 0) {
            sha1.reset();
            return null;
        }
        return new WarcDigest(sha1);
    }

    /** A channel over an array, so that jwarc reads it without an intermediate stream's copies. */
    private static final class ArrayChannel implements ReadableByteChannel {
        private final ByteBuffer bytes;

        ArrayChannel(byte[] array) {
            bytes = ByteBuffer.wrap(array);
        }

        @Override
        public int read(ByteBuffer into) {
            if (!bytes.hasRemaining()) {
                return -1;
            }
            int n = Math.min(into.remaining(), bytes.remaining());
            into.put(into.position(), bytes, bytes.position(), n);
            into.position(into.position() + n);
            bytes.position(bytes.position() + n);
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
