package dev.salvo.testing;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One request and the means to answer it, handed to a {@link Handler}.
 *
 * <p>Well-formed answers go through {@link #respond}, {@link #startBody} or
 * {@link #startChunkedBody}, which frame the response correctly so the connection can be reused.
 * Misbehaviour goes through {@link #pause}, {@link #closeConnection}, {@link #resetConnection},
 * or the raw {@link #socket()} and {@link #rawOutput()}; after raw access, or after a response
 * whose body was not completed as framed, the server closes the connection rather than guess.
 *
 * <p>Header arguments are whole lines without CRLF, e.g. {@code "Retry-After: 2"}.
 *
 * <p>Not thread-safe: use it only from the thread that runs the handler.
 */
public final class Exchange {

    private final RecordedRequest request;
    private final Socket socket;          // what the handler reads and writes: TLS or plain
    private final Socket tcp;             // the TCP socket underneath, for reset and prompt close
    private final OutputStream out;       // buffered, over socket's output
    private final CountDownLatch serverClosed;
    private final Runnable endInflight;

    private boolean headersSent;
    private boolean framingComplete;      // every byte the framing promised has been written
    private boolean closeAfterResponse;
    private boolean raw;
    private boolean connectionClosed;
    private boolean inflightEnded;

    Exchange(RecordedRequest request, Socket socket, Socket tcp, OutputStream out,
             CountDownLatch serverClosed, Runnable endInflight) {
        this.request = request;
        this.socket = socket;
        this.tcp = tcp;
        this.out = out;
        this.serverClosed = serverClosed;
        this.endInflight = endInflight;
    }

    public RecordedRequest request() {
        return request;
    }

    /** Answers with a {@code text/plain; charset=utf-8} body. */
    public void respond(int status, String body, String... headers) throws IOException {
        respond(status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** Answers with the given body and a {@code Content-Length}; flushes. */
    public void respond(int status, String contentType, byte[] body, String... headers)
            throws IOException {
        OutputStream bodyOut = startBody(status, body.length, withHeader(headers, "Content-Type: " + contentType));
        bodyOut.write(body);
        bodyOut.flush();
    }

    /**
     * Sends the status line and headers with {@code Content-Length: contentLength} and returns
     * the stream for exactly that many body bytes. Writing fewer (then returning) leaves a
     * truncated response and the connection is closed; writing more is sent as-is.
     * For HEAD requests and bodiless statuses (1xx, 204, 304) the returned stream discards.
     */
    public OutputStream startBody(int status, long contentLength, String... headers) throws IOException {
        boolean bodyAllowed = bodyAllowed(status);
        String[] all = status == 204 || status < 200
                ? headers : withHeader(headers, "Content-Length: " + contentLength);
        if (!bodyAllowed || contentLength == 0) {
            sendHead(status, all, true);
            return OutputStream.nullOutputStream();
        }
        sendHead(status, all, false);
        return new FixedLengthBody(contentLength);
    }

    /**
     * Sends the status line and headers with {@code Transfer-Encoding: chunked} and returns a
     * stream that frames each write as one chunk. {@code close()} on the stream writes the last
     * chunk; a handler that returns without closing it leaves a truncated response.
     */
    public OutputStream startChunkedBody(int status, String... headers) throws IOException {
        if (!bodyAllowed(status)) {
            sendHead(status, headers, true);
            return OutputStream.nullOutputStream();
        }
        sendHead(status, withHeader(headers, "Transfer-Encoding: chunked"), false);
        return new ChunkedBody();
    }

    /**
     * Flushes what has been written, then waits {@code duration} of real time, or less if the
     * server is closed meanwhile, in which case it throws so the handler unwinds at once.
     */
    public void pause(Duration duration) throws IOException {
        if (!connectionClosed) {
            out.flush();
        }
        try {
            if (serverClosed.await(duration.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new SocketException("server closed during pause");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted during pause");
        }
    }

    /** Flushes whatever was written and closes the connection: the client reads EOF. */
    public void closeConnection() throws IOException {
        connectionClosed = true;
        try {
            out.flush();
        } finally {
            socket.close();
        }
    }

    /**
     * Aborts the connection with a TCP RST (SO_LINGER 0), discarding anything unsent. Over TLS
     * the RST is sent from the TCP socket underneath, with no TLS close_notify first.
     */
    public void resetConnection() throws IOException {
        connectionClosed = true;
        tcp.setSoLinger(true, 0);
        tcp.close();
    }

    /** Gives the socket to the handler; the connection will be closed after the handler returns. */
    public Socket socket() {
        raw = true;
        return socket;
    }

    /**
     * The connection's buffered output, for writing arbitrary bytes; remember to flush. The
     * connection will be closed after the handler returns.
     */
    public OutputStream rawOutput() {
        raw = true;
        return out;
    }

    /** Called by the server after the handler returns normally. */
    void finish() throws IOException {
        if (!connectionClosed) {
            endInflight();
            out.flush();
        }
    }

    /** Whether the connection can carry another request after this exchange. */
    boolean reusable() {
        return headersSent && framingComplete && !raw && !closeAfterResponse && !connectionClosed
                && request.keepAlive();
    }

    boolean headersSent() {
        return headersSent;
    }

    /** Ends this request's in-flight count; idempotent. */
    void endInflight() {
        if (!inflightEnded) {
            inflightEnded = true;
            endInflight.run();
        }
    }

    private boolean bodyAllowed(int status) {
        return !request.method().equals("HEAD") && status >= 200 && status != 204 && status != 304;
    }

    private void sendHead(int status, String[] headers, boolean isWholeResponse) throws IOException {
        if (headersSent) {
            throw new IllegalStateException("response already started for " + request);
        }
        headersSent = true;
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ')
                .append(StatusReasons.of(status)).append("\r\n");
        boolean hasConnectionHeader = false;
        for (String header : headers) {
            head.append(header).append("\r\n");
            String lower = header.toLowerCase();
            if (lower.startsWith("connection:")) {
                hasConnectionHeader = true;
                closeAfterResponse |= lower.contains("close");
            }
        }
        if (!request.keepAlive() && !hasConnectionHeader) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        byte[] bytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (isWholeResponse) {
            writeLast(bytes, 0, bytes.length);
        } else {
            out.write(bytes);
            out.flush();   // headers reach the client now, even if the body is slow to follow
        }
    }

    /**
     * Writes the final bytes of a response, ending the in-flight count just before the very last
     * byte leaves (see {@link SharedInflight} for why). Marks the framing complete.
     */
    private void writeLast(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len - 1);
        endInflight();
        framingComplete = true;
        out.write(b[off + len - 1]);
    }

    private static String[] withHeader(String[] headers, String extra) {
        String[] all = java.util.Arrays.copyOf(headers, headers.length + 1);
        all[headers.length] = extra;
        return all;
    }

    /** A body of declared length; the write that reaches the length completes the response. */
    private final class FixedLengthBody extends FilterOutputStream {
        private long remaining;

        FixedLengthBody(long length) {
            super(Exchange.this.out);   // inherited "out" below is this same stream
            this.remaining = length;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return;
            }
            if (remaining > 0 && len >= remaining) {
                int last = (int) remaining;
                writeLast(b, off, last);
                out.write(b, off + last, len - last);
            } else {
                out.write(b, off, len);
            }
            remaining -= len;
        }

        @Override
        public void close() throws IOException {
            flush();   // closing the body must not close the connection
        }
    }

    /** Frames each write as one chunk; close() writes the terminating zero-length chunk. */
    private final class ChunkedBody extends FilterOutputStream {
        private boolean closed;

        ChunkedBody() {
            super(Exchange.this.out);   // inherited "out" below is this same stream
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return;   // a zero-length chunk would end the body
            }
            out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(b, off, len);
            out.write('\r');
            out.write('\n');
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                byte[] last = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
                writeLast(last, 0, last.length);
                out.flush();
            }
        }
    }
}
