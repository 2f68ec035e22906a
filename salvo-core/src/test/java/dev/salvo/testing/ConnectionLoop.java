package dev.salvo.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Serves one accepted TCP connection: reads requests one after another (keep-alive), dispatches
 * each to its handler, and closes the connection when either side asks to or anything goes wrong.
 *
 * <p>Failure is the point of this fixture, so every I/O error (client hang-up, reset, read
 * timeout, server closing) ends the connection quietly; none escapes to crash the server.
 *
 * <p>Runs on its own virtual thread; not shared between threads.
 */
final class ConnectionLoop implements Runnable {

    private static final int OUTPUT_BUFFER = 64 * 1024;

    private final Socket tcp;
    private final int connectionId;
    private final SSLSocketFactory tls;   // null for plain HTTP
    private final Router router;
    private final ServerStats stats;
    private final Duration readTimeout;
    private final CountDownLatch serverClosed;

    ConnectionLoop(Socket tcp, int connectionId, SSLSocketFactory tls, Router router, ServerStats stats,
                   Duration readTimeout, CountDownLatch serverClosed) {
        this.tcp = tcp;
        this.connectionId = connectionId;
        this.tls = tls;
        this.router = router;
        this.stats = stats;
        this.readTimeout = readTimeout;
        this.serverClosed = serverClosed;
    }

    @Override
    public void run() {
        try (tcp) {
            // Every blocking read, the TLS handshake included, gives up after readTimeout.
            tcp.setSoTimeout((int) readTimeout.toMillis());
            tcp.setTcpNoDelay(true);
            Socket socket = tls == null ? tcp : wrapInTls();
            var in = new BufferedInputStream(socket.getInputStream());
            var out = new BufferedOutputStream(socket.getOutputStream(), OUTPUT_BUFFER);
            RequestParser parser = new RequestParser(in, connectionId);
            while (true) {
                RecordedRequest request;
                try {
                    request = parser.next();
                } catch (ProtocolException e) {
                    answerAndClose(out, 400, "bad request: " + e.getMessage());
                    return;
                }
                if (request == null || !serve(request, socket, out)) {
                    return;
                }
            }
        } catch (IOException e) {
            // The client went away, timed out, or the server is closing: all expected here.
        }
    }

    private Socket wrapInTls() throws IOException {
        SSLSocket socket = (SSLSocket) tls.createSocket(tcp, tcp.getInetAddress().getHostAddress(), tcp.getPort(), true);
        socket.setUseClientMode(false);
        return socket;
    }

    /** Serves one request; returns whether the connection can carry another. */
    private boolean serve(RecordedRequest request, Socket socket, OutputStream out) throws IOException {
        stats.requestStarted(request);
        Exchange exchange = new Exchange(request, socket, tcp, out, serverClosed, stats::requestFinished);
        try {
            router.find(request.path()).handle(exchange);
            exchange.finish();
            return exchange.reusable();
        } catch (IllegalArgumentException e) {
            failRequest(exchange, out, 400, "bad request: " + e.getMessage());
            return false;
        } catch (RuntimeException e) {
            System.err.println("MisbehavingServer: handler failed for " + request);
            e.printStackTrace();
            failRequest(exchange, out, 500, "handler failed: " + e);
            return false;
        } finally {
            exchange.endInflight();   // idempotent; covers handlers that never completed a response
        }
    }

    private static void failRequest(Exchange exchange, OutputStream out, int status, String message)
            throws IOException {
        exchange.endInflight();
        if (!exchange.headersSent()) {
            answerAndClose(out, status, message);
        }
    }

    private static void answerAndClose(OutputStream out, int status, String message) throws IOException {
        byte[] body = (message + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + StatusReasons.of(status) + "\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }
}
