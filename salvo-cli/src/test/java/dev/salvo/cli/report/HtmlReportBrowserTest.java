package dev.salvo.cli.report;

import dev.salvo.ErrorType;
import dev.salvo.FetchRequest;
import dev.salvo.SalvoEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Renders a report of a synthetic run and opens it in headless Chromium: the browser's own DOM
 * must hold the three charts with their bars, and a screenshot must be made. Skipped when no
 * Chromium is installed ({@code apt-get install -y chromium}).
 */
class HtmlReportBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;

    static String syntheticReport() {
        AtomicLong now = new AtomicLong();
        RunStats stats = new RunStats();
        RunDetail detail = new RunDetail(now::get);
        for (int i = 0; i < 3000; i++) {
            now.set(i * 5_000_000L); // 200 URLs a second for 15 s
            String host = "host" + (i % 7) + ".example";
            boolean fail = i % 11 == 0 || (i % 7 == 3 && i % 3 == 0);
            var result = RunDetailTest.result(i, "http://" + host + "/" + i, fail && i % 2 == 0 ? null : fail ? 503 : 200,
                    fail ? (i % 2 == 0 ? ErrorType.TIMEOUT : ErrorType.HTTP) : null);
            FetchRequest request = FetchRequest.of(i, result.url());
            SalvoEvent.AttemptFinished attempt = new SalvoEvent.AttemptFinished(request, 1, host, result.status(),
                    result.error() == null ? null : result.error().type(), (long) (2e6 * Math.exp((i % 97) / 20.0)));
            stats.onEvent(attempt);
            detail.onEvent(attempt);
            stats.onEvent(new SalvoEvent.ResultProduced(result));
            detail.onEvent(new SalvoEvent.ResultProduced(result));
        }
        RunSnapshot s = stats.snapshot();
        RunDetail.Snapshot d = detail.snapshot();
        Duration wall = Duration.ofSeconds(15);
        return HtmlReport.render(s, d, wall, Summary.lines(s, wall, d));
    }

    /** A resumed run's report: 3,000 URLs this run (1,700-odd failed) after 500 done before. */
    static String resumedReport(Path output) throws IOException {
        AtomicLong now = new AtomicLong();
        RunStats stats = new RunStats();
        RunDetail detail = new RunDetail(now::get);
        FailedUrls failed = new FailedUrls();
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            file.append("{\"index\":").append(i).append(",\"url\":\"http://early.example/").append(i)
                    .append("\",\"ok\":").append(i % 5 != 0).append(",\"error\":")
                    .append(i % 5 != 0 ? "null" : "{\"type\":\"timeout\",\"message\":\"x\"}").append("}\n");
        }
        for (int i = 0; i < 3000; i++) {
            now.set(i * 5_000_000L);
            String host = "host" + (i % 7) + ".example";
            boolean fail = i % 2 == 0 || i % 7 == 3;
            var result = RunDetailTest.result(500 + i, "http://" + host + "/" + i, fail && i % 4 == 0 ? null : fail ? 503 : 200,
                    fail ? (i % 4 == 0 ? ErrorType.TIMEOUT : ErrorType.HTTP) : null);
            SalvoEvent.AttemptFinished attempt = new SalvoEvent.AttemptFinished(FetchRequest.of(500 + i, result.url()), 1,
                    host, result.status(), result.error() == null ? null : result.error().type(),
                    (long) (2e6 * Math.exp((i % 97) / 20.0)));
            for (var listener : List.of(stats, detail, failed)) {
                listener.onEvent(attempt);
                listener.onEvent(new SalvoEvent.ResultProduced(result));
            }
            file.append("{\"index\":").append(500 + i).append(",\"url\":\"").append(result.url()).append("\",\"ok\":")
                    .append(!fail).append(",\"error\":").append(fail ? "{\"type\":\"" + result.error().type().wireName()
                            + "\",\"message\":\"x\"}" : "null").append("}\n");
        }
        Files.writeString(output, file);
        RunSnapshot s = stats.snapshot();
        RunDetail.Snapshot d = detail.snapshot();
        Duration wall = Duration.ofSeconds(15);
        RunContext context = new RunContext("salvo fetch --resume -o out.jsonl -c 32 urls.txt",
                List.of(new RunContext.Setting("--concurrency", "32", "command line"),
                        new RunContext.Setting("--timeout", "30s", "default"),
                        new RunContext.Setting("--user-agent", "probe/1", "environment (SALVO_USER_AGENT)")),
                "urls.txt", 500);
        return HtmlReport.render(s, d, wall, Summary.lines(s, wall, d), context, failed.snapshot(),
                WholeOutput.read(output));
    }

    @Test
    void aResumedRunIsReportedWholeWithItsCommandAndFailedUrls() throws IOException {
        String html = resumedReport(dir.resolve("out.jsonl"));
        assertTrue(html.contains("<code id=\"command\">salvo fetch --resume -o out.jsonl -c 32 urls.txt</code>"), html);
        assertTrue(html.contains("environment (SALVO_USER_AGENT)"));
        assertTrue(html.contains("500 URLs already had a record from earlier runs"));
        // The whole output: 500 earlier (100 failed) and 3,000 now.
        assertTrue(html.contains("<tr><td>records in the output</td><td>3500</td></tr>"), html);
        assertTrue(html.contains("<tr><td>from earlier runs</td><td>500</td></tr>"));
        Matcher failedRows = Pattern.compile("<tr><td>\\d+</td><td class=\"url\">").matcher(html);
        assertEquals(FailedUrls.KEPT, failedRows.results().count(), "the first 1,000 failed URLs");
        assertTrue(html.contains("Failed URLs (the first 1000 of "), html);
        assertTrue(html.contains("seconds since the start of the run") && html.contains("URLs finished per second"));
        assertTrue(html.contains(">≤ 50 ms</text>"), "round latency bands");
    }

    @Test
    void aRunWithoutFailuresHasNoEmptySections() {
        RunStats stats = new RunStats();
        RunDetail detail = new RunDetail();
        FailedUrls failed = new FailedUrls();
        var ok = new SalvoEvent.ResultProduced(RunDetailTest.result(0, "http://a/0", 200, null));
        stats.onEvent(ok);
        detail.onEvent(ok);
        failed.onEvent(ok);
        RunSnapshot s = stats.snapshot();
        String html = HtmlReport.render(s, detail.snapshot(), Duration.ofSeconds(1),
                Summary.lines(s, Duration.ofSeconds(1)), RunContext.unknown(), failed.snapshot(), null);
        assertFalse(html.contains("id=\"errors\""), "no failures table");
        assertFalse(html.contains("Failed URLs"), "no failed-URL table");
        assertFalse(html.contains("id=\"latency\""), "no latency chart without attempts");
        assertFalse(html.contains("How it was run"), "no empty run section");
    }

    @Test
    void thePageIsSelfContainedAndEscapesNames() {
        String html = syntheticReport();
        assertFalse(html.contains("<script"), "no script");
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "nothing fetched");
        assertTrue(html.contains("<svg class=\"chart\" id=\"throughput\""));
        assertEquals("&lt;b&gt; &amp; &quot;q&quot;", HtmlReport.escape("<b> & \"q\""));
    }

    @Test
    void chromiumRendersTheChartsWithTheirBars() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed (apt-get install -y chromium)");
        Path page = dir.resolve("report.html");
        Files.writeString(page, syntheticReport(), StandardCharsets.UTF_8);

        String dom = chromium(page, "--dump-dom");
        for (String chart : List.of("throughput", "latency", "hosts")) {
            Matcher svg = Pattern.compile("<svg class=\"chart\" id=\"" + chart + "\"[^>]*>(.*?)</svg>", Pattern.DOTALL)
                    .matcher(dom);
            assertTrue(svg.find(), "the browser's DOM has the " + chart + " chart");
            long bars = Pattern.compile("<rect class=\"bar ").matcher(svg.group(1)).results().count();
            assertTrue(bars >= 5, chart + " has bars: " + bars);
        }
        assertTrue(dom.contains("class=\"bar failed\""), "failures are drawn");

        Path shot = dir.resolve("report.png");
        chromium(page, "--screenshot=" + shot, "--window-size=1000,1400");
        assertTrue(Files.size(shot) > 20_000, "a screenshot with something on it: " + Files.size(shot) + " bytes");
    }

    @Test
    void chromiumRendersTheResumedReportsTables() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed (apt-get install -y chromium)");
        Path page = dir.resolve("resumed.html");
        Files.writeString(page, resumedReport(dir.resolve("out.jsonl")), StandardCharsets.UTF_8);

        String dom = chromium(page, "--dump-dom");
        for (String id : List.of("command", "settings", "whole", "outcomes", "errors", "failed", "throughput", "latency",
                "hosts")) {
            assertTrue(dom.contains("id=\"" + id + "\""), "the browser's DOM has #" + id);
        }
        Path shot = Path.of(System.getProperty("salvo.screenshot", dir.resolve("resumed.png").toString()));
        chromium(page, "--screenshot=" + shot, "--window-size=1000,3000");
        assertTrue(Files.size(shot) > 20_000, "a screenshot with something on it: " + Files.size(shot) + " bytes");
    }

    private String chromium(Path page, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + dir.resolve("profile")));
        command.addAll(List.of(args));
        command.add(page.toUri().toString());
        Path out = dir.resolve("chromium.out");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(dir.resolve("chromium.err").toFile())
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish in 60 s");
        }
        assertEquals(0, process.exitValue(), Files.readString(dir.resolve("chromium.err")));
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
