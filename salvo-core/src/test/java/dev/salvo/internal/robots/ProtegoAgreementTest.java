package dev.salvo.internal.robots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.salvo.internal.url.Target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An independent check of Salvo's allow/deny decisions: the same robots.txt files and URLs are put
 * to Protego (Scrapy's robots.txt parser, Debian's {@code python3-protego}, run by python3 as a
 * separate process) and the answers must agree, Crawl-delay included. The cases are ones RFC 9309
 * defines one way; where the two parsers legitimately differ (see {@link #KNOWN_DIFFERENCES}) the
 * case is left out. Skipped, saying so, only when python3 with Protego cannot be found.
 */
class ProtegoAgreementTest {

    /** robots.txt, the user agent, the URLs asked about. */
    private record Case(String robotsTxt, String agent, List<String> paths) { }

    /**
     * Where crawler-commons and Protego 0.2 answer differently, so no case here asks:
     * <ul>
     *   <li>{@code User-agent: sal} is applied to the agent {@code salvo} by Protego (it matches a
     *       part of the name), not by crawler-commons: RFC 9309 2.2.1 asks for the whole token,
     *       as crawler-commons does;</li>
     *   <li>{@code User-agent: salvo/1.0} is applied to {@code salvo} by crawler-commons (it reads the
     *       token before the '/'), not by Protego: RFC 9309 allows only letters, '_' and '-' in the
     *       line, so neither is wrong;</li>
     *   <li>both follow Google, not RFC 9309, in letting {@code /} through when {@code /index.html}
     *       is allowed ({@code Allow: /index.html} with {@code Disallow: /}): agreed, but not the
     *       RFC's behaviour, so not asked here;</li>
     *   <li>Crawl-delay is an extension RFC 9309 does not define: crawler-commons keeps milliseconds,
     *       Protego a float of seconds, so delays are compared to a tenth of a second.</li>
     * </ul>
     */
    private static final List<Case> CASES = List.of(
            new Case("User-agent: *\nDisallow: /private\n", "salvo",
                    List.of("/", "/private", "/private/x", "/privateer", "/public", "/Private")),
            new Case("User-agent: *\nDisallow: /a\nAllow: /a/b\n", "salvo",
                    List.of("/a", "/a/x", "/a/b", "/a/b/c", "/ab")),
            new Case("User-agent: *\nDisallow: /*.pdf$\nDisallow: /x/*/y\n", "salvo",
                    List.of("/doc.pdf", "/doc.pdf?x=1", "/dir/doc.pdf", "/doc.pdfx", "/x/1/y", "/x/1/2/y", "/x/y",
                            "/x/1/yz")),
            new Case("User-agent: *\nDisallow: /exact$\n", "salvo", List.of("/exact", "/exact/", "/exactly", "/ex")),
            new Case("User-agent: salvo\nDisallow: /s\n\nUser-agent: *\nDisallow: /\n", "salvo",
                    List.of("/s", "/s/1", "/t", "/")),
            new Case("User-agent: salvo\nDisallow: /s\n\nUser-agent: *\nDisallow: /\n", "otherbot",
                    List.of("/s", "/t", "/")),
            new Case("User-agent: SALVO\nDisallow: /upper\n", "salvo", List.of("/upper", "/lower")),
            new Case("User-agent: somebot\nUser-agent: salvo\nDisallow: /shared\n\nUser-agent: *\nAllow: /\n",
                    "salvo", List.of("/shared", "/shared/x", "/other")),
            new Case("User-agent: *\nDisallow:\n", "salvo", List.of("/", "/anything")),
            new Case("User-agent: *\nDisallow: /search?q=\n", "salvo",
                    List.of("/search?q=1", "/search?x=1", "/search", "/search/q")),
            new Case("# comment\n\nUser-agent: * # everyone\nDisallow: /tmp/ # scratch\n", "salvo",
                    List.of("/tmp/", "/tmp/x", "/tmp", "/tmpx")),
            new Case("User-agent: *\nDisallow: /\nAllow: /$\nAllow: /open/\n", "salvo",
                    List.of("/", "/x", "/open/", "/open/x", "/opener")),
            new Case("User-agent: *\nDisallow: /*/secret\nAllow: /public/*\n", "salvo",
                    List.of("/a/secret", "/public/secret", "/public/x", "/secret")),
            new Case("User-agent: salvo\nDisallow: /one\n\nUser-agent: salvo\nDisallow: /two\n", "salvo",
                    List.of("/one", "/two", "/three")),
            new Case("Disallow: /before-any-group\nUser-agent: *\nDisallow: /after\n", "salvo",
                    List.of("/before-any-group", "/after")),
            new Case("User-agent: *\nDisallow: /a*\nAllow: /a*b\n", "salvo", List.of("/a", "/ab", "/acb", "/ac")),
            new Case("<html><body>Not a robots.txt</body></html>\n", "salvo", List.of("/", "/x")),
            new Case("User-agent: *\nCrawl-delay: 3\nDisallow: /slow\n", "salvo", List.of("/slow", "/fast")),
            new Case("User-agent: salvo\nCrawl-delay: 0.5\nDisallow:\n\nUser-agent: *\nCrawl-delay: 9\n", "salvo",
                    List.of("/x")),
            new Case("User-agent: *\nDisallow: /caf%C3%A9\n", "salvo", List.of("/caf%C3%A9", "/cafe")),
            // RFC 9309 2.2.2: Allow and Disallow equally specific, the least restrictive (Allow) wins.
            new Case("User-agent: *\nAllow: /t\nDisallow: /t\n", "salvo", List.of("/t", "/u")),
            // RFC 9309 2.2.2: %7E and ~ are the same octet in a rule and in a path.
            new Case("User-agent: *\nDisallow: /%7Ejoe\n", "salvo", List.of("/~joe", "/%7Ejoe", "/joe")),
            // RFC 9309 2.2.1: a group names a product token exactly; a longer one is another agent.
            new Case("User-agent: salvobot\nDisallow: /sb\n", "salvo", List.of("/sb")),
            new Case("User-agent: *\nDisallow: /a\n\nUser-agent: salvo\n", "salvo", List.of("/a")),
            new Case("User-agent: *\nDisallow: /a%2Fb\n", "salvo", List.of("/a/b", "/a%2Fb")),
            new Case("User-agent: *\nDisallow: /*\nAllow: /ok$\n", "salvo", List.of("/ok", "/ok2", "/")),
            new Case("User-agent: *\nDisallow: /x\nUser-agent: salvo\nDisallow: /y\n", "salvo", List.of("/x", "/y")));

    private static final String PROTEGO = """
            import json, sys
            from protego import Protego
            # One line per case: "true false ...|delay in seconds or none".
            for case in json.load(open(sys.argv[1])):
                rp = Protego.parse(case["robots"])
                delay = rp.crawl_delay(case["agent"])
                allowed = [rp.can_fetch("http://example.test" + p, case["agent"]) for p in case["paths"]]
                print(" ".join("true" if a else "false" for a in allowed) + "|" + ("none" if delay is None else str(delay)))
            """;

    @Test
    void salvoAndProtegoDecideAlike(@TempDir Path dir) throws Exception {
        String python = pythonWithProtego();
        assumeTrue(python != null, "python3 with Protego not found: install Debian's python3-protego "
                + "(apt-get install python3-protego) to run this check");
        Path script = Files.writeString(dir.resolve("protego_check.py"), PROTEGO);
        Path input = Files.writeString(dir.resolve("cases.json"), json());
        Process process = new ProcessBuilder(python, script.toString(), input.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, process.waitFor(30, TimeUnit.SECONDS), "python3 did not finish");
        assertEquals(0, process.exitValue(), output);

        List<String> protego = new ArrayList<>();
        List<String> salvo = new ArrayList<>();
        int index = 0;
        for (String answer : output.strip().split("\n")) {
            Case c = CASES.get(index++);
            RulesParser parser = new RulesParser(c.agent() + "/1.0");
            Rules rules = parser.parse("http://example.test:80", "http://example.test/robots.txt",
                    c.robotsTxt().getBytes(StandardCharsets.UTF_8), "text/plain");
            String[] allowed = answer.substring(0, answer.indexOf('|')).split(" ");
            String delay = answer.substring(answer.indexOf('|') + 1).strip();
            for (int i = 0; i < c.paths().size(); i++) {
                String path = c.paths().get(i);
                protego.add(c.agent() + " " + path + ": " + allowed[i]);
                salvo.add(c.agent() + " " + path + ": " + rules.allows(Target.parse("http://example.test" + path)));
            }
            protego.add("crawl-delay: " + (delay.equals("none") ? "none" : seconds(Double.parseDouble(delay))));
            salvo.add("crawl-delay: " + (rules.crawlDelayNanos() == 0 ? "none" : seconds(rules.crawlDelayNanos() / 1e9)));
        }
        assertEquals(CASES.size(), index, output);
        assertEquals(protego, salvo);
    }

    private static String seconds(double value) {
        return String.format(java.util.Locale.ROOT, "%.1f s", value);
    }

    private static String json() {
        StringBuilder out = new StringBuilder("[");
        for (Case c : CASES) {
            out.append(out.length() > 1 ? "," : "").append("{\"robots\":").append(quote(c.robotsTxt()))
                    .append(",\"agent\":").append(quote(c.agent())).append(",\"paths\":[");
            for (int i = 0; i < c.paths().size(); i++) {
                out.append(i > 0 ? "," : "").append(quote(c.paths().get(i)));
            }
            out.append("]}");
        }
        return out.append("]").toString();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** Debian's python3 first (pyenv or a venv on PATH may not see Debian's packages), then PATH's. */
    private static String pythonWithProtego() throws InterruptedException {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                Process probe = new ProcessBuilder(candidate, "-c", "import protego").redirectErrorStream(true).start();
                probe.getInputStream().readAllBytes();
                if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException notThere) {
                // try the next
            }
        }
        return null;
    }
}
