package dev.salvo.cli;

import dev.salvo.SalvoConfig;

import java.util.Map;

/**
 * Chooses the proxies as curl does: {@code --proxy} for every URL when given (an empty value
 * means none), else the environment: {@code http_proxy} for http URLs, {@code HTTPS_PROXY} or
 * {@code https_proxy} for https URLs, {@code ALL_PROXY} or {@code all_proxy} for either when its
 * own is unset; {@code --noproxy}, else {@code NO_PROXY} or {@code no_proxy}, lists the
 * exceptions. The lower-case name wins where both are set. Upper-case {@code HTTP_PROXY} is
 * ignored, as curl ignores it: a CGI program gets it from a request's {@code Proxy:} header, so
 * a client could choose the proxy ("httpoxy"). Stateless; thread-safe.
 */
final class ProxyEnvironment {

    private ProxyEnvironment() {
    }

    static void apply(String proxyFlag, String noProxyFlag, Map<String, String> env, SalvoConfig.Builder builder) {
        if (proxyFlag != null) {
            String proxy = proxyFlag.isBlank() ? null : proxyFlag;
            builder.proxy(proxy);
        } else {
            String all = either(env, "all_proxy", "ALL_PROXY");
            String http = set(env.get("http_proxy"));
            String https = either(env, "https_proxy", "HTTPS_PROXY");
            builder.httpProxy(http != null ? http : all).httpsProxy(https != null ? https : all);
        }
        builder.noProxy(noProxyFlag != null ? noProxyFlag : either(env, "no_proxy", "NO_PROXY"));
    }

    private static String either(Map<String, String> env, String lower, String upper) {
        String value = set(env.get(lower));
        return value != null ? value : set(env.get(upper));
    }

    private static String set(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
