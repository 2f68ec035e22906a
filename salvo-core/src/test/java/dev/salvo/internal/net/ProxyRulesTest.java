package dev.salvo.internal.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Proxy URLs and no-proxy lists, parsed as curl reads them; pure, no network. */
class ProxyRulesTest {

    @Test
    void proxyUrlsWithDefaultsAndEncodedCredentials() {
        Proxy socks = Proxy.parse("socks5h://us%40er:p%3Ass@127.0.0.1");
        assertEquals(Proxy.Kind.SOCKS5H, socks.kind());
        assertEquals(1080, socks.port());
        assertEquals("us@er", socks.user());
        assertEquals("p:ss", socks.password());
        assertEquals("socks5h://127.0.0.1:1080", socks.display());
        assertEquals(80, Proxy.parse("127.0.0.1").port(), "no scheme means http, as curl");
        assertEquals(443, Proxy.parse("https://proxy.test").port());
        assertEquals("http://[::1]:3128", Proxy.parse("http://[::1]:3128").display());
        assertTrue(Proxy.Kind.HTTP.remoteDns());
        assertFalse(Proxy.Kind.SOCKS5.remoteDns());
    }

    @Test
    void aBadProxyUrlIsRefusedWithoutItsPassword() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Proxy.parse("ftp://user:secret@proxy.test:21"));
        assertTrue(e.getMessage().contains("unsupported scheme"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }

    @Test
    void noProxyMatchesNamesWithSubdomainsAddressesAndRanges() {
        NoProxy list = NoProxy.parse(" .example.com, intranet ,10.0.0.0/8, 192.0.2.7, [::1]");
        assertTrue(list.matches("example.com"));
        assertTrue(list.matches("www.example.com"));
        assertTrue(list.matches("WWW.Example.COM."));
        assertFalse(list.matches("badexample.com"));
        assertTrue(list.matches("intranet"));
        assertTrue(list.matches("10.1.2.3"));
        assertTrue(list.matches("192.0.2.7"));
        assertFalse(list.matches("192.0.2.8"));
        assertTrue(list.matches("::1"));
        assertFalse(list.matches("11.0.0.1"));
        assertTrue(NoProxy.parse("*").matches("anything.test"));
        assertFalse(NoProxy.parse(null).matches("anything.test"));
    }

    @Test
    void rulesPickTheProxyByScheme() {
        ProxyRules rules = ProxyRules.of("http://127.0.0.1:1", null, "skip.test");
        assertEquals(1, rules.select(false, "a.test").port());
        assertNull(rules.select(true, "a.test"), "no https proxy");
        assertNull(rules.select(false, "skip.test"));
        assertNull(ProxyRules.NONE.select(false, "a.test"));
    }
}
