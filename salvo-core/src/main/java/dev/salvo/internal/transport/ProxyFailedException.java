package dev.salvo.internal.transport;

import dev.salvo.internal.net.Proxy;

/**
 * A dial through a proxy failed before the tunnel to the target was open: the proxy could not be
 * reached, refused the tunnel, or refused the credentials. Carries the proxy (never its password)
 * so the message names it; the cause says what went wrong.
 */
final class ProxyFailedException extends Exception {

    private final transient Proxy proxy;

    ProxyFailedException(Proxy proxy, Throwable cause) {
        super("proxy " + proxy.display() + " failed", cause, false, false);
        this.proxy = proxy;
    }

    Proxy proxy() {
        return proxy;
    }
}
