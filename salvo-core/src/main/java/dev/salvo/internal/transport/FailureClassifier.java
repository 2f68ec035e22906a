package dev.salvo.internal.transport;

import dev.salvo.ErrorType;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Maps what the network stack threw to one of Salvo's error types. Looks through the cause chain
 * because Netty and Vert.x wrap the JDK's exceptions. Pure function; thread-safe.
 */
final class FailureClassifier {

    private FailureClassifier() {
    }

    static Outcome.Failure classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            ErrorType type = typeOf(t);
            if (type != null) {
                return new Outcome.Failure(type, describe(failure));
            }
        }
        return new Outcome.Failure(ErrorType.PROTOCOL, describe(failure));
    }

    private static ErrorType typeOf(Throwable t) {
        String name = t.getClass().getName();
        if (t instanceof UnknownHostException || name.endsWith("UnknownHostException")
                || name.contains("DnsNameResolver")) {
            return ErrorType.DNS;
        }
        if (t instanceof SSLException || name.contains(".ssl.") || name.contains("Ssl")) {
            return ErrorType.TLS;
        }
        if (name.endsWith("ConnectTimeoutException") || t instanceof ConnectException
                || t instanceof NoRouteToHostException) {
            return ErrorType.CONNECT;
        }
        if (t instanceof TimeoutException || name.endsWith("TimeoutException")) {
            return ErrorType.TIMEOUT;
        }
        if (name.endsWith("HttpClosedException") || t instanceof ClosedChannelException) {
            return ErrorType.RESET;
        }
        String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
        if (t instanceof SocketException || message.contains("connection reset")
                || message.contains("connection was closed") || message.contains("broken pipe")) {
            return ErrorType.RESET;
        }
        return null;
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        String name = root.getClass().getSimpleName();
        return message == null || message.isBlank() ? name : name + ": " + message;
    }
}
