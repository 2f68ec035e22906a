package dev.salvo.internal.transport;

import dev.salvo.SalvoConfig.Header;
import dev.salvo.internal.url.Target;

import java.util.List;

/**
 * One HTTP request to send: no redirect following, no retries; those are the engine's.
 *
 * @param method  the HTTP method
 * @param target  where to send it
 * @param headers headers to send (already stripped of credentials where a redirect requires it)
 * @param body    the body to send with a Content-Length, or null for none; not copied, never changed
 * @param timeoutMillis what is left of the attempt's time budget for this hop (at least 1)
 * @param keepBodyUpTo {@link #TRANSPORT_BODIES} to follow the transport's settings (its body cap,
 *                bodies kept or not); otherwise the body is kept, whatever those settings, and
 *                cut at this many bytes: a longer body ends there as a response, not a
 *                {@code too_large} failure (robots.txt files, which the engine itself reads and of
 *                which RFC 9309 asks the first 500 KiB), and its connection is not reused. A body
 *                with a content coding ({@code --compressed}) is not cut but fails as before, so
 *                such an exchange asks for none ({@code Accept-Encoding: identity}).
 */
public record Exchange(String method, Target target, List<Header> headers, byte[] body, long timeoutMillis,
                       long keepBodyUpTo) {

    /** {@link #keepBodyUpTo} of an exchange whose body follows the transport's settings. */
    public static final long TRANSPORT_BODIES = -1;

    /** An exchange whose body follows the transport's settings. */
    public Exchange(String method, Target target, List<Header> headers, byte[] body, long timeoutMillis) {
        this(method, target, headers, body, timeoutMillis, TRANSPORT_BODIES);
    }

    /** The body cap for this exchange, given the transport's. */
    long bodyCap(long transportCap) {
        return keepBodyUpTo == TRANSPORT_BODIES ? transportCap : keepBodyUpTo;
    }

    /** Whether a body over this exchange's cap is cut there and kept, rather than failed. */
    boolean cutsAtCap() {
        return keepBodyUpTo != TRANSPORT_BODIES;
    }

    /** Whether this exchange's body is kept, given whether the transport keeps bodies. */
    boolean keepsBody(boolean transportKeeps) {
        return transportKeeps || keepBodyUpTo != TRANSPORT_BODIES;
    }
}
