package dev.salvo.internal.net;

/**
 * Which proxy, if any, a URL goes through: the http or https proxy by the URL's scheme, unless
 * its host is on the no-proxy list. Immutable; thread-safe.
 */
public final class ProxyRules {

    /** No proxy for anything. */
    public static final ProxyRules NONE = new ProxyRules(null, null, NoProxy.NONE);

    private final Proxy http;
    private final Proxy https;
    private final NoProxy noProxy;

    private ProxyRules(Proxy http, Proxy https, NoProxy noProxy) {
        this.http = http;
        this.https = https;
        this.noProxy = noProxy;
    }

    /** From the proxy URLs (either may be null) and the no-proxy list (may be null). */
    public static ProxyRules of(String httpProxy, String httpsProxy, String noProxyList) {
        if (httpProxy == null && httpsProxy == null) {
            return NONE;
        }
        return new ProxyRules(httpProxy == null ? null : Proxy.parse(httpProxy),
                httpsProxy == null ? null : Proxy.parse(httpsProxy), NoProxy.parse(noProxyList));
    }

    /** The proxy for a URL with this scheme and host (as in the URL), or null to connect directly. */
    public Proxy select(boolean secure, String host) {
        Proxy proxy = secure ? https : http;
        return proxy == null || noProxy.matches(host) ? null : proxy;
    }
}
