package dev.salvo.internal.url;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TargetTest {

    @Test
    void acceptsHttpAndHttpsWithAHost() throws Exception {
        Target plain = Target.parse("http://Example.COM/a?b=1");
        assertEquals("example.com:80", plain.hostKey());
        assertEquals("/a?b=1", plain.pathAndQuery());
        Target secure = Target.parse("  https://example.com:8443  ");
        assertEquals("example.com:8443", secure.hostKey());
        assertEquals("/", secure.pathAndQuery());
        assertTrue(secure.secure());
        assertEquals("::1", Target.parse("http://[::1]:8080/x").connectHost());
    }

    @Test
    void refusesWhatIsNotAnAbsoluteHttpUrlWithAHost() {
        assertMessage("not a url", "not a valid URL");
        assertMessage("/relative/path", "not an absolute URL");
        assertMessage("ftp://example.com/file", "unsupported scheme 'ftp'");
        assertMessage("http://", "not a valid URL");
        assertMessage("http:///path", "URL has no host");
        assertMessage("http://user:pw@example.com/", "credentials in the URL");
        assertMessage("", "empty URL");
    }

    @Test
    void resolvesRelativeAndAbsoluteRedirects() throws Exception {
        Target origin = Target.parse("http://a.test/dir/page");
        assertEquals("http://a.test/dir/next", origin.resolve("next").uri().toString());
        assertEquals("http://a.test/top", origin.resolve("/top").uri().toString());
        assertEquals("b.test:443", origin.resolve("https://b.test/x").hostKey());
        assertThrows(Target.InvalidUrlException.class, () -> origin.resolve("mailto:x@y"));
    }

    private static void assertMessage(String url, String expected) {
        Target.InvalidUrlException e = assertThrows(Target.InvalidUrlException.class, () -> Target.parse(url));
        assertTrue(e.getMessage().contains(expected), url + " -> " + e.getMessage());
    }
}
