package dev.salvo.internal.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Target#parse}, which takes URLs already in normal form as they are ({@link CanonicalUrl}),
 * must see every URL as the full parse ({@link Target#parseFully}, OkHttp's {@code HttpUrl})
 * does: same normal form, host, port, host key, Host header, request target, same refusal message.
 */
class CanonicalUrlTest {

    private static final String[] SCHEMES = {"http://", "https://", "HTTP://", "Https://", "http:/", "http:///",
        "http:\\\\", "ftp://", "", "http:"};
    private static final String[] HOSTS = {"example.com", "www.example.com", "a", "a-b.c_d.example", "EXAMPLE.com",
        "Example.Com", "xn--fa-hia.de", "XN--fa-hia.de", "xn--zz", "fa\u00df.de", "b\u00fccher.de", "\u2603.net",
        "exa\u00admple.com", "\uff45xample.com", "127.0.0.1", "10.0.0.255", "0.0.0.0", "255.255.255.255",
        "256.1.1.1", "127.1", "0x7f.0.0.1", "010.0.0.1", "1.2.3.4.5", "1.2.3", "12.example", "example.123",
        "example.0x1", "a..b", "example.com.", ".example.com", "-a.com", "a-.com", "a--b.com",
        "a".repeat(63) + ".com", "a".repeat(64) + ".com", ("abcdefghi.").repeat(25) + "com", ("abcdefghi.").repeat(26) + "com",
        "%61.com", "ex%41mple.com", "ex ample.com", "exa#mple.com", "[::1]", "[2001:DB8::1]", "[::ffff:1.2.3.4]", "[::1",
        "user@example.com", "user:pw@example.com", ":pw@example.com", "@example.com", "", "exa\u0000mple.com",
        "ex*ample.com", "ex!ample.com", "ex~ample.com", "ex=ample.com"};
    private static final String[] PORTS = {"", ":8080", ":1", ":65535", ":80", ":443", ":65536", ":0", ":080",
        ":00443", ":", ":abc", ":8080x", ":99999999999"};
    private static final String[] PATHS = {"", "/", "/a/b", "/a/b/", "//a", "/a//b", "/a/./b", "/a/../b", "/.", "/..",
        "/a/.", "/a/..", "/.a", "/a.", "/..a/", "/.../", "/%2e/x", "/%2E%2E/x", "/a/%2e", "/a%2eb", "/a b", "/a%20b",
        "/a%zz", "/a%2", "/a%", "/\u00e4", "/a\"b", "/a<b>", "/a^b", "/a`b", "/{x}", "/a|b", "/a\\b", "/~user",
        "/a;b=c", "/a:b@c", "/a'b", "/a+b", "/!$&()*,", "/a\u007fb", "/a\tb", "/a\u0001b", "/s/000000042",
        "/catalogue/item-7.html", "/A/B", "/%7e", "/%7E"};
    private static final String[] QUERIES = {"", "?", "?a=b", "?a=b&c", "?a==b", "?&&", "?a'b", "?a\"b", "?a b",
        "?a%zz", "?a%41", "?a^b", "?q=\u00e4", "?a+b", "?a/b?c", "?a\\b", "?{}", "?a|b", "?a`b", "?=", "?a=",
        "?ref=list&page=3&lang=en"};
    private static final String[] FRAGMENTS = {"", "", "", "", "#", "#frag", "#a b", "#\u00e4"};
    private static final String[] LOCATIONS = {"/robots.txt", "../x?y", "//other.example/z", "https://b.example/",
        "?q", "#f"};

    @Test
    void fastAndFullParseAgreeOnAGeneratedCorpus() throws Exception {
        List<String> corpus = new ArrayList<>();
        // Every host with every port, on one path, and every path and query on one host...
        for (String host : HOSTS) {
            for (String port : PORTS) {
                corpus.add("http://" + host + port + "/p?q=1");
                corpus.add("https://" + host + port);
            }
        }
        for (String path : PATHS) {
            for (String query : QUERIES) {
                corpus.add("https://example.com" + path + query);
            }
        }
        // ... then random mixes of all the parts, with surrounding blanks and line breaks now and then.
        // Every array starts with four plain parts.
        SplittableRandom random = new SplittableRandom(20261129);
        for (int i = 0; i < 20_000; i++) {
            String url = pick(random, SCHEMES) + pick(random, HOSTS) + pick(random, PORTS) + pick(random, PATHS)
                    + pick(random, QUERIES) + pick(random, FRAGMENTS);
            int blank = random.nextInt(8);
            corpus.add(blank == 0 ? "  " + url + "\t" : blank == 1 ? url.replace("/", "/\n") : url);
        }
        int fast = 0;
        for (String raw : corpus) {
            String fastOutcome = describe(raw, true);
            String fullOutcome = describe(raw, false);
            assertEquals(fullOutcome, fastOutcome, () -> "for " + printable(raw));
            if (CanonicalUrl.read(Target.clean(raw)) != null) {
                fast++;
            }
        }
        // The corpus must exercise the fast path, not only the fallback.
        assertTrue(fast > corpus.size() / 20, "only " + fast + " of " + corpus.size() + " took the fast path");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://www.example.com/catalogue/books/item-1.html?ref=list&page=1&lang=en",
        "http://127.0.0.1:18080/s/000000042", "https://example.com", "http://example.com?a=b", "https://a_b.example/~x/%41",
        "http://10.1.2.3:8443/"})
    void takesTheCommonShapesAsTheyAre(String url) {
        assertNotNull(CanonicalUrl.read(url), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://Example.com/", "HTTP://example.com/", "https://example.com:443/", "http://example.com:80/",
        "https://xn--fa-hia.de/", "https://fa\u00df.de/", "http://[::1]:8080/", "http://127.1/", "http://010.0.0.1/",
        "http://u@example.com/", "https://example.com/a/../b", "https://example.com/a b", "https://example.com/#f",
        "https://example.com./", "https://example.com/%2e/"})
    void leavesEverythingElseToTheFullParse(String url) {
        assertNull(CanonicalUrl.read(url), url);
    }

    @ParameterizedTest
    @CsvSource({"https://example.com/, example.com", "http://example.com:8080/, example.com:8080",
        "http://Example.com:80/, example.com", "https://example.com:80/, example.com:80", "http://[::1]/, [::1]",
        "https://[::1]:8443/, [::1]:8443", "http://127.0.0.1:18080/s/1, 127.0.0.1:18080"})
    void hostHeaderHasThePortUnlessItIsTheDefault(String url, String hostHeader) throws Exception {
        assertEquals(hostHeader, Target.parse(url).hostHeader());
    }

    /** Everything a caller can see of a parse: its accessors and resolutions, or its refusal. */
    private static String describe(String raw, boolean withFastPath) {
        Target target;
        try {
            target = withFastPath ? Target.parse(raw) : Target.parseFully(Target.clean(raw));
        } catch (Target.InvalidUrlException e) {
            return "refused: " + e.getMessage();
        }
        StringBuilder out = new StringBuilder()
                .append(target.url()).append(' ').append(target).append(' ').append(target.secure())
                .append(' ').append(target.connectHost()).append(' ').append(target.port())
                .append(' ').append(target.hostKey()).append(' ').append(target.hostHeader())
                .append(' ').append(target.pathAndQuery()).append(' ').append(target.hashCode());
        for (String location : LOCATIONS) {
            try {
                out.append(" -> ").append(target.resolve(location).url());
            } catch (Target.InvalidUrlException e) {
                out.append(" -> refused: ").append(e.getMessage());
            }
        }
        return out.toString();
    }

    /** Any of {@code parts}, or half the time one of the first four (plain ones, which the fast path takes). */
    private static String pick(SplittableRandom random, String[] parts) {
        return parts[random.nextInt(random.nextBoolean() ? parts.length : 4)];
    }

    private static String printable(String raw) {
        StringBuilder out = new StringBuilder();
        raw.codePoints().forEach(c -> out.append(c < 0x20 || c > 0x7e ? "\\u%04x".formatted(c) : Character.toString(c)));
        return out.toString();
    }
}
