package dev.salvo.internal.transport;

import dev.salvo.ErrorType;
import dev.salvo.internal.net.BlockedAddressException;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.resolver.dns.DnsErrorCauseException;
import io.netty.resolver.dns.DnsNameResolverTimeoutException;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.proxy.ProxyConnectException;
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
        if (failure instanceof ProxyFailedException proxyFailed) {
            return proxy(proxyFailed);
        }
        Outcome.Failure dns = dns(failure);
        if (dns != null) {
            return dns;
        }
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

    /**
     * A failed lookup, told apart by why: Netty's resolver throws an UnknownHostException whose
     * causes say whether the server answered "no such name", failed, or never answered.
     */
    private static Outcome.Failure dns(Throwable failure) {
        boolean unknownHost = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnknownHostException) {
                unknownHost = true;
            } else if (unknownHost && t instanceof DnsNameResolverTimeoutException) {
                return new Outcome.Failure(ErrorType.DNS, "the DNS server did not answer in time");
            } else if (unknownHost && t instanceof DnsErrorCauseException error) {
                DnsResponseCode code = error.getCode();
                if (code.equals(DnsResponseCode.NXDOMAIN)) {
                    return new Outcome.Failure(ErrorType.DNS, "no such host");
                }
                return new Outcome.Failure(ErrorType.DNS, "the DNS server answered "
                        + code.toString().replaceAll("\\(.*", "").strip() + " (lookup failed)");
            }
        }
        return null;
    }

    /**
     * The proxy could not be used: always {@code connect}, naming the proxy, with what it said
     * (Netty's ProxyConnectException message ends with the proxy's status or reason).
     */
    private static Outcome.Failure proxy(ProxyFailedException failed) {
        String name = "proxy " + failed.proxy().display();
        Throwable cause = failed.getCause();
        if (cause instanceof ProxyConnectException refused && refused.getCause() != null) {
            cause = refused.getCause(); // e.g. TLS to an https:// proxy failed
        } else if (cause instanceof ProxyConnectException refused) {
            String message = String.valueOf(refused.getMessage());
            int status = message.indexOf("status: ");
            if (status >= 0) {
                return new Outcome.Failure(ErrorType.CONNECT, name + " refused the tunnel: "
                        + message.substring(status + "status: ".length()).strip());
            }
            String lower = message.toLowerCase(Locale.ROOT);
            if (lower.contains("timeout")) {
                return new Outcome.Failure(ErrorType.CONNECT, name + " did not open the tunnel in time");
            }
            if (lower.contains("auth")) {
                return new Outcome.Failure(ErrorType.CONNECT, name + " refused the user name or password");
            }
            int reason = message.lastIndexOf(", ");
            return new Outcome.Failure(ErrorType.CONNECT, name + " refused the tunnel"
                    + (reason >= 0 ? ": " + message.substring(reason + 2).strip() : ""));
        }
        Outcome.Failure underlying = classify(cause);
        return new Outcome.Failure(ErrorType.CONNECT, name + " failed: " + underlying.message());
    }

    /** Failures recognised by their exact type: the most specific message wins. */
    private static Outcome.Failure known(Throwable t) {
        if (t instanceof BlockedAddressException blocked) {
            return new Outcome.Failure(ErrorType.BLOCKED, blocked.getMessage());
        }
        if (t instanceof ReadableCertificateException readable) {
            return new Outcome.Failure(ErrorType.TLS, readable.getMessage());
        }
        if (t instanceof dev.salvo.InvalidConfigException setup) {
            return new Outcome.Failure(ErrorType.TLS, setup.getMessage()); // "cannot set up TLS: ..."
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
