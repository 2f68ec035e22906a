package dev.salvo.internal.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
    }

    @Test
    void refusesWhatIsNotAnAbsoluteHttpUrlWithAHost() {
        assertMessage("not a url", "not an absolute URL");
        assertMessage("/relative/path", "not an absolute URL");
        assertMessage("ftp://example.com/file", "unsupported scheme 'ftp'");
        assertMessage("http://", "URL has no host");
        assertMessage("http://user:pw@example.com/", "credentials in the URL");
        assertMessage("http://example.com:99999/", "port 99999 is out of range (1-65535)");
        assertMessage("http://exa mple.com/", "invalid host");
        assertMessage("", "empty URL");
        assertMessage(" \t\u0000 ", "empty URL");
    }

    /**
     * RFC 3986 section 5.4, every normal and abnormal example, against its base
     * "http://a/b/c/d;p?q". Three rows differ from the RFC where the WHATWG URL Standard (and so
     * every browser) does: "g:h" is another scheme, refused here; an empty path of an http URL is
     * "/" ("http://g/", the same resource by RFC 3986 6.2.3); and "http:g" is read as relative, the
     * choice RFC 3986 5.4.2 allows "for backward compatibility".
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            # 5.4.1 normal examples
            g:h           | !unsupported scheme 'g'
            g             | http://a/b/c/g
            ./g           | http://a/b/c/g
            g/            | http://a/b/c/g/
            /g            | http://a/g
            //g           | http://g/
            ?y            | http://a/b/c/d;p?y
            g?y           | http://a/b/c/g?y
            #s            | http://a/b/c/d;p?q#s
            g#s           | http://a/b/c/g#s
            g?y#s         | http://a/b/c/g?y#s
            ;x            | http://a/b/c/;x
            g;x           | http://a/b/c/g;x
            g;x?y#s       | http://a/b/c/g;x?y#s
            ''            | http://a/b/c/d;p?q
            .             | http://a/b/c/
            ./            | http://a/b/c/
            ..            | http://a/b/
            ../           | http://a/b/
            ../g          | http://a/b/g
            ../..         | http://a/
            ../../        | http://a/
            ../../g       | http://a/g
            # 5.4.2 abnormal examples
            ../../../g    | http://a/g
            ../../../../g | http://a/g
            /./g          | http://a/g
            /../g         | http://a/g
            g.            | http://a/b/c/g.
            .g            | http://a/b/c/.g
            g..           | http://a/b/c/g..
            ..g           | http://a/b/c/..g
            ./../g        | http://a/b/g
            ./g/.         | http://a/b/c/g/
            g/./h         | http://a/b/c/g/h
            g/../h        | http://a/b/c/h
            g;x=1/./y     | http://a/b/c/g;x=1/y
            g;x=1/../y    | http://a/b/c/y
            g?y/./x       | http://a/b/c/g?y/./x
            g?y/../x      | http://a/b/c/g?y/../x
            g#s/./x       | http://a/b/c/g#s/./x
            g#s/../x      | http://a/b/c/g#s/../x
            http:g        | http://a/b/c/g
            """)
    void resolvesEveryRfc3986Example(String reference, String expected) throws Exception {
        Target base = Target.parse("http://a/b/c/d;p?q");
        if (expected.startsWith("!")) {
            Target.InvalidUrlException e = assertThrows(Target.InvalidUrlException.class, () -> base.resolve(reference));
            assertTrue(e.getMessage().contains(expected.substring(1)), e.getMessage());
        } else {
            assertEquals(expected, base.resolve(reference).url());
        }
    }

    @Test
    void resolvesRelativeAndAbsoluteRedirects() throws Exception {
        Target origin = Target.parse("http://a.test/dir/page");
        assertEquals("http://a.test/dir/next", origin.resolve("next").url());
        assertEquals("http://a.test/top", origin.resolve("/top").url());
        assertEquals("b.test:443", origin.resolve("https://b.test/x").hostKey());
        assertThrows(Target.InvalidUrlException.class, () -> origin.resolve("mailto:x@y"));
    }

    @Test
    void aLocationIsCleanedAndEncodedAsBrowsersDo() throws Exception {
        Target origin = Target.parse("http://a.test/dir/page");
        // Leading and trailing C0 controls and spaces go, tabs and line breaks inside go.
        assertEquals("http://a.test/next", origin.resolve("\u0000 /ne\txt\r\n \u001f").url());
        // A backslash is a slash in an http URL.
        assertEquals("http://b.test/x/y", origin.resolve("\\\\b.test\\x\\y").url());
        assertEquals("http://a.test/x/y", origin.resolve("/x\\y").url());
        // Raw spaces, quotes and non-ASCII are percent-encoded (UTF-8) in path and query.
        assertEquals("http://a.test/a%20b/%C3%A9?q=x%20y%C3%A9&r=%22", origin.resolve("/a b/é?q=x yé&r=\"").url());
        // A Location that came as raw UTF-8 bytes, one per character, is decoded first.
        String rawUtf8 = new String("/é".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertEquals("http://a.test/%C3%A9", origin.resolve(rawUtf8).url());
        // What is not UTF-8 stays Latin-1.
        assertEquals("http://a.test/%C3%A9", origin.resolve("/\u00e9").url());
        // The scheme's default port is elided.
        assertEquals("https://b.test/", origin.resolve("HTTPS://B.test:443").url());
    }

    @Test
    void anInputUrlIsCleanedTheSameWay() throws Exception {
        Target t = Target.parse("\u0001 http://a.test/a b\t/c?d e \n");
        assertEquals("http://a.test/a%20b/c?d%20e", t.url());
        assertEquals("/a%20b/c?d%20e", t.pathAndQuery());
    }

    @Test
    void hostsWithUnderscoresAreAccepted() throws Exception {
        Target t = Target.parse("http://my_host.example/x");
        assertEquals("my_host.example:80", t.hostKey());
        assertEquals("my_host.example", t.connectHost());
        assertEquals("my_host.example", t.hostHeader());
    }

    @Test
    void internationalisedHostsAreSentAsPunycodeByUts46() throws Exception {
        Target t = Target.parse("http://BÜCHER.example:8080/ä");
        assertEquals("xn--bcher-kva.example:8080", t.hostKey());
        assertEquals("xn--bcher-kva.example", t.connectHost());
        assertEquals("xn--bcher-kva.example:8080", t.hostHeader());
        assertEquals("http://xn--bcher-kva.example:8080/%C3%A4", t.url());
        // Non-transitional, as browsers: ß is kept (punycode), not mapped to "ss" as IDNA2003 does.
        assertEquals("xn--fa-hia.de:80", Target.parse("http://faß.de/").hostKey());
        // UTS #46 mapping: an ideographic full stop separates labels, compatibility forms fold.
        assertEquals("example.com:80", Target.parse("http://example。ｃｏｍ/").hostKey());
        // A punycode host is the same host.
        assertEquals(t.hostKey(), Target.parse("http://xn--bcher-kva.example:8080/").hostKey());
    }

    @Test
    void ipv6LiteralsKeyInBracketsAndConnectWithout() throws Exception {
        Target t = Target.parse("http://[::1]:8080/x");
        assertEquals("[::1]:8080", t.hostKey());
        assertEquals("::1", t.connectHost());
        assertEquals("[::1]:8080", t.hostHeader());
        assertEquals(8080, t.port());
        Target defaultPort = Target.parse("https://[0:0:0:0:0:0:0:1]/");
        assertEquals("[::1]:443", defaultPort.hostKey(), "one address, one key, however it is written");
        assertEquals("[::1]", defaultPort.hostHeader());
        assertEquals("https://[::1]/", defaultPort.url());
    }

    private static void assertMessage(String url, String expected) {
        Target.InvalidUrlException e = assertThrows(Target.InvalidUrlException.class, () -> Target.parse(url));
        assertTrue(e.getMessage().contains(expected), url + " -> " + e.getMessage());
    }
}
