package dev.salvo.internal.transport;

import dev.salvo.ErrorType;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.ssl.NotSslRecordException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Maps what the network stack threw to one of Salvo's error types and a message a person can
 * read: {@code connection refused}, {@code no such host}, {@code certificate not trusted:
 * self-signed, for host 127.0.0.1}. Never a Java class name or a hex dump: library messages are
 * only passed on where they are known to be plain words. Looks through the cause chain because
 * Netty wraps the JDK's exceptions. Pure function; thread-safe.
 */
final class FailureClassifier {

    private FailureClassifier() {
    }

    static Outcome.Failure classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Outcome.Failure known = known(t);
            if (known != null) {
                return known;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Outcome.Failure general = general(t);
            if (general != null) {
                return general;
            }
        }
        return new Outcome.Failure(ErrorType.PROTOCOL, "the connection failed unexpectedly");
    }

    /** Failures recognised by their exact type: the most specific message wins. */
    private static Outcome.Failure known(Throwable t) {
        if (t instanceof ReadableCertificateException readable) {
            return new Outcome.Failure(ErrorType.TLS, readable.getMessage());
        }
        if (t instanceof NotSslRecordException) {
            return new Outcome.Failure(ErrorType.TLS, "server spoke plain HTTP on a TLS port (try http://)");
        }
        if (t instanceof UnknownHostException) {
            return new Outcome.Failure(ErrorType.DNS, "no such host");
        }
        if (t instanceof ConnectTimeoutException) {
            return new Outcome.Failure(ErrorType.CONNECT, "connect timed out");
        }
        if (t instanceof Http2Exception h2) {
            return http2(h2);
        }
        return null;
    }

    private static Outcome.Failure general(Throwable t) {
        String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
        if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
            if (message.contains("refused")) {
                return new Outcome.Failure(ErrorType.CONNECT, "connection refused");
            }
            if (message.contains("unreachable") || t instanceof NoRouteToHostException) {
                return new Outcome.Failure(ErrorType.CONNECT, "network unreachable");
            }
            return new Outcome.Failure(ErrorType.CONNECT, "could not connect");
        }
        if (t instanceof SSLException) {
            return tls(message);
        }
        if (t instanceof TimeoutException) {
            return new Outcome.Failure(ErrorType.TIMEOUT, "timed out");
        }
        if (t instanceof ClosedChannelException) {
            return new Outcome.Failure(ErrorType.RESET, "connection closed");
        }
        if (message.contains("connection reset")) {
            return new Outcome.Failure(ErrorType.RESET, "connection reset by the server");
        }
        if (t instanceof SocketException || message.contains("broken pipe")
                || message.contains("connection was closed")) {
            return new Outcome.Failure(ErrorType.RESET, "connection closed by the server");
        }
        return null;
    }

    private static Outcome.Failure tls(String message) {
        if (message.contains("protocol_version") || message.contains("no protocols")
                || message.contains("unsupported_protocol") || message.contains("protocol version")) {
            return new Outcome.Failure(ErrorType.TLS, "the server does not offer an allowed TLS version (see --tls-min)");
        }
        if (message.contains("certificate_required") || message.contains("bad_certificate")
                || message.contains("certificate required")) {
            return new Outcome.Failure(ErrorType.TLS, "the server refused the client certificate (see --cert and --key)");
        }
        if (message.contains("handshake_failure") || message.contains("handshake failure")) {
            return new Outcome.Failure(ErrorType.TLS, "TLS handshake refused by the server");
        }
        if (message.contains("closed") || message.contains("eof")) {
            return new Outcome.Failure(ErrorType.TLS, "the server closed the connection during the TLS handshake");
        }
        return new Outcome.Failure(ErrorType.TLS, "TLS handshake failed");
    }

    private static Outcome.Failure http2(Http2Exception h2) {
        String message = String.valueOf(h2.getMessage());
        // An HTTP/1 server answers the HTTP/2 preface with "HTTP/1.1 400 ...", whose first bytes
        // ("HTTP/" = 48 54 54 50 2f) Netty reports in hex as a bad first frame.
        if (message.contains("First received frame was not SETTINGS") || message.contains("485454502f")) {
            return new Outcome.Failure(ErrorType.PROTOCOL,
                    "server does not speak HTTP/2 with prior knowledge (it answered in HTTP/1); drop --http2");
        }
        return new Outcome.Failure(ErrorType.PROTOCOL, "HTTP/2 protocol error ("
                + h2.error().name().toLowerCase(Locale.ROOT) + ")");
    }
}
