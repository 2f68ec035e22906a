package dev.salvo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.salvo.SalvoConfig;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Proxies chosen as curl chooses them: the flag first, then the environment, httpoxy-safe. */
class ProxyEnvironmentTest {

    private static SalvoConfig.NetworkOptions chosen(String flag, String noProxyFlag, Map<String, String> env) {
        SalvoConfig.Builder builder = SalvoConfig.builder();
        ProxyEnvironment.apply(flag, noProxyFlag, env, builder);
        return builder.build().network();
    }

    @Test
    void theFlagWinsOverTheEnvironmentForBothSchemes() {
        var network = chosen("socks5h://127.0.0.1:1080", null,
                Map.of("http_proxy", "http://127.0.0.1:1", "HTTPS_PROXY", "http://127.0.0.1:2", "NO_PROXY", "a.test"));
        assertEquals("socks5h://127.0.0.1:1080", network.httpProxy());
        assertEquals("socks5h://127.0.0.1:1080", network.httpsProxy());
        assertEquals("a.test", network.noProxy());
    }

    @Test
    void anEmptyFlagMeansNoProxyWhateverTheEnvironmentSays() {
        var network = chosen("", null, Map.of("ALL_PROXY", "http://127.0.0.1:1"));
        assertNull(network.httpProxy());
        assertNull(network.httpsProxy());
    }

    @Test
    void eachSchemeReadsItsOwnVariableThenAllProxy() {
        var network = chosen(null, null, Map.of("https_proxy", "http://127.0.0.1:2", "ALL_PROXY", "socks5://127.0.0.1:3"));
        assertEquals("socks5://127.0.0.1:3", network.httpProxy());
        assertEquals("http://127.0.0.1:2", network.httpsProxy());
    }

    @Test
    void upperCaseHttpProxyIsIgnoredAsCurlDoes() {
        var network = chosen(null, null, Map.of("HTTP_PROXY", "http://127.0.0.1:9"));
        assertNull(network.httpProxy(), "HTTP_PROXY can be set by a CGI request's Proxy: header (httpoxy)");
    }

    @Test
    void lowerCaseWinsAndTheNoProxyFlagOverridesTheVariable() {
        var network = chosen(null, "b.test", Map.of("https_proxy", "http://127.0.0.1:2", "HTTPS_PROXY", "http://127.0.0.1:3",
                "no_proxy", "a.test"));
        assertEquals("http://127.0.0.1:2", network.httpsProxy());
        assertEquals("b.test", network.noProxy());
    }
}
