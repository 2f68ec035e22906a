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
 */
public record Exchange(String method, Target target, List<Header> headers, byte[] body, long timeoutMillis) {
}
