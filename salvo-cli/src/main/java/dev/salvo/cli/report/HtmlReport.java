package dev.salvo.cli.report;

import dev.salvo.ErrorType;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code --report} page: one self-contained HTML file (inline CSS and SVG, no script, nothing
 * fetched) with the summary, throughput and errors over time, the latency distribution and
 * outcomes by host. Every chart is an {@code <svg class="chart">} whose bars are
 * {@code <rect class="bar ...">} with a {@code <title>} tooltip, so a test can find them.
 *
 * <p>Thread-safe (stateless).
 */
public final class HtmlReport {

    /** At most this many bars over time: longer runs are drawn in buckets of several seconds. */
    static final int MAX_TIME_BARS = 300;
    static final int HOSTS_SHOWN = 20;

    private static final int WIDTH = 900;
    private static final int HEIGHT = 220;
    private static final int LEFT = 60;
    private static final int BOTTOM = 30;

    private HtmlReport() {
    }

    /** The page for a run started from code: no command line, no failed-URL table. */
    public static String render(RunSnapshot s, RunDetail.Snapshot detail, Duration wall, List<String> summary) {
        return render(s, detail, wall, summary, RunContext.unknown(), null, null);
    }

    /**
     * The page for a run.
     *
     * @param context how the run was started
     * @param failed  the first failed URLs, or null to leave the table out
     * @param whole   what the whole output holds when the run resumed an earlier one, else null
     */
    public static String render(RunSnapshot s, RunDetail.Snapshot detail, Duration wall, List<String> summary,
                                RunContext context, FailedUrls.Snapshot failed, WholeOutput whole) {
        StringBuilder out = new StringBuilder(64 * 1024);
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<title>Salvo run report</title>\n<style>\n")
                .append("body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:960px}\n")
                .append("h1{font-size:20px}h2{font-size:16px;margin-top:28px}\n")
                .append("table{border-collapse:collapse;margin:8px 0}td,th{padding:2px 10px;text-align:right;border-bottom:1px solid #ddd}\n")
                .append("td:first-child,th:first-child{text-align:left}pre{background:#f6f6f6;padding:8px;white-space:pre-wrap}\n")
                .append("code{background:#f6f6f6;padding:2px 4px;word-break:break-all}\n")
                .append("#failed td{text-align:left;font-size:12px}#failed td.url{word-break:break-all;max-width:420px}\n")
                .append("#settings td,#settings th,#failed th{text-align:left}\n")
                .append(".ok{fill:#3a7d44}.failed{fill:#c0392b}.latency{fill:#2e6fa7}.axis{stroke:#888}")
                .append(".label{font-size:11px;fill:#555}.title{font-size:12px;fill:#333}")
                .append(".legend span{display:inline-block;width:10px;height:10px;margin:0 4px 0 12px}\n")
                .append("</style></head><body>\n");
        out.append("<h1>Salvo run report</h1>\n<p>Written ")
                .append(escape(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME)))
                .append(String.format(Locale.ROOT, ". This run: %s finished in %.1f s: %d ok, %d failed",
                        Summary.plural(s.finished(), "URL"), wall.toNanos() / 1e9, s.ok(), s.failed()));
        if (s.cancelled() > 0) {
            out.append(", ").append(s.cancelled()).append(" cancelled by an interruption");
        }
        out.append(".</p>\n");
        run(out, context);
        if (whole != null) {
            whole(out, whole, context.before());
        }
        out.append("<h2>Summary of this run</h2>\n<pre>");
        summary.forEach(line -> out.append(escape(line)).append('\n'));
        out.append("</pre>\n");
        if (s.finished() > 0) {
            outcomes(out, s);
            throughput(out, detail);
        }
        if (detail.latencyMicros().getTotalCount() > 0) {
            latency(out, detail.latencyMicros());
        }
        if (!detail.hosts().isEmpty()) {
            hosts(out, detail);
        }
        if (failed != null && failed.total() > 0) {
            failedUrls(out, failed);
        }
        out.append("</body></html>\n");
        return out.toString();
    }

    private static void run(StringBuilder out, RunContext context) {
        if (context.commandLine() == null && context.settings().isEmpty() && context.input() == null) {
            return;
        }
        out.append("<h2>How it was run</h2>\n");
        if (context.commandLine() != null) {
            out.append("<p>Command: <code id=\"command\">").append(escape(context.commandLine())).append("</code></p>\n");
        }
        if (context.input() != null) {
            out.append("<p>Input: <code id=\"input\">").append(escape(context.input())).append("</code>");
            if (context.before() > 0) {
                out.append(", resumed: ").append(Summary.plural(context.before(), "URL"))
                        .append(" already had a record from earlier runs");
            }
            out.append("</p>\n");
        }
        if (!context.settings().isEmpty()) {
            out.append("<table id=\"settings\"><tr><th>Option</th><th>Value</th><th>From</th></tr>\n");
            for (RunContext.Setting setting : context.settings()) {
                out.append("<tr><td><code>").append(escape(setting.option())).append("</code></td><td>")
                        .append(escape(setting.value())).append("</td><td>").append(escape(setting.source()))
                        .append("</td></tr>\n");
            }
            out.append("</table>\n");
        }
    }

    private static void whole(StringBuilder out, WholeOutput whole, long before) {
        out.append("<h2>The whole output: earlier runs and this one</h2>\n<table id=\"whole\">")
                .append("<tr><th></th><th>URLs</th></tr>\n");
        row(out, "records in the output", whole.records());
        row(out, "from earlier runs", before);
        row(out, "from this run", whole.records() - before);
        row(out, "ok", whole.ok());
        row(out, "failed", whole.failed());
        whole.failures().forEach((type, count) -> row(out, "failed: " + type, count));
        out.append("</table>\n");
    }

    private static void failedUrls(StringBuilder out, FailedUrls.Snapshot failed) {
        out.append("<h2>Failed URLs");
        if (failed.total() > failed.first().size()) {
            out.append(" (the first ").append(failed.first().size()).append(" of ").append(failed.total()).append(')');
        }
        out.append("</h2>\n<table id=\"failed\"><tr><th>Index</th><th>URL</th><th>Status</th><th>Error</th>")
                .append("<th>Message</th></tr>\n");
        for (FailedUrls.Failure f : failed.first()) {
            out.append("<tr><td>").append(f.index()).append("</td><td class=\"url\">").append(escape(f.url()))
                    .append("</td><td>").append(f.status() == null ? "none" : f.status().toString())
                    .append("</td><td>").append(escape(f.error())).append("</td><td>")
                    .append(escape(shorten(String.valueOf(f.message()), 160))).append("</td></tr>\n");
        }
        out.append("</table>\n");
    }

    private static void outcomes(StringBuilder out, RunSnapshot s) {
        out.append("<h2>Outcomes</h2>\n<table id=\"outcomes\"><tr><th>By status class</th><th>URLs</th></tr>\n");
        Summary.statusClasses(s).forEach((name, count) -> row(out, name, count));
        out.append("</table>\n");
        if (!s.failures().isEmpty()) {
            out.append("<table id=\"errors\"><tr><th>Failures by error type</th><th>URLs</th></tr>\n");
            for (Map.Entry<ErrorType, Long> e : s.failures().entrySet()) {
                row(out, e.getKey().wireName(), e.getValue());
            }
            out.append("</table>\n");
        }
    }

    private static void row(StringBuilder out, String name, long count) {
        out.append("<tr><td>").append(escape(name)).append("</td><td>").append(count).append("</td></tr>\n");
    }

    private static void throughput(StringBuilder out, RunDetail.Snapshot detail) {
        long[] ok = detail.okPerSecond();
        long[] failed = detail.failedPerSecond();
        int bucket = Math.max(1, (ok.length + MAX_TIME_BARS - 1) / MAX_TIME_BARS);
        int bars = (ok.length + bucket - 1) / bucket;
        long[] okBars = new long[bars];
        long[] failedBars = new long[bars];
        for (int i = 0; i < ok.length; i++) {
            okBars[i / bucket] += ok[i];
            failedBars[i / bucket] += failed[i];
        }
        double max = 1;
        for (int i = 0; i < bars; i++) {
            max = Math.max(max, (okBars[i] + failedBars[i]) / (double) bucket);
        }
        out.append("<h2>Throughput and errors over time</h2>\n")
                .append(legend("ok", "finished ok", "failed", "failed"))
                .append(svgOpen("throughput", bars));
        double step = (WIDTH - LEFT - 10) / (double) Math.max(bars, 1);
        double plot = HEIGHT - BOTTOM - 10;
        for (int i = 0; i < bars; i++) {
            double okRate = okBars[i] / (double) bucket;
            double failedRate = failedBars[i] / (double) bucket;
            double okH = okRate / max * plot;
            double failedH = failedRate / max * plot;
            double x = LEFT + i * step;
            String when = bucket == 1 ? "second " + i : "seconds " + (i * bucket) + "-" + ((i + 1) * bucket - 1);
            String tip = String.format(Locale.ROOT, "%s: %.1f ok/s, %.1f failed/s", when, okRate, failedRate);
            rect(out, "bar ok", x, HEIGHT - BOTTOM - okH, Math.max(step - 1, 0.5), okH, tip);
            rect(out, "bar failed", x, HEIGHT - BOTTOM - okH - failedH, Math.max(step - 1, 0.5), failedH, tip);
        }
        axes(out, String.format(Locale.ROOT, "%.0f/s", max), "0 s", ok.length + " s",
                "URLs finished per second", "seconds since the start of the run");
        out.append("</svg>\n");
    }

    private static void latency(StringBuilder out, Histogram micros) {
        List<long[]> bands = bands(micros); // {upper bound µs, count}
        long max = 1;
        for (long[] b : bands) {
            max = Math.max(max, b[1]);
        }
        out.append("<h2>Latency distribution (attempts per latency band)</h2>\n")
                .append("<p id=\"percentiles\">p50 ").append(Summary.micros(micros.getValueAtPercentile(50)))
                .append(", p90 ").append(Summary.micros(micros.getValueAtPercentile(90)))
                .append(", p99 ").append(Summary.micros(micros.getValueAtPercentile(99)))
                .append(", max ").append(Summary.micros(micros.getMaxValue()))
                .append(" over ").append(Summary.plural(micros.getTotalCount(), "attempt")).append("</p>\n");
        out.append(svgOpen("latency", bands.size()));
        double step = (WIDTH - LEFT - 10) / (double) Math.max(bands.size(), 1);
        double plot = HEIGHT - BOTTOM - 10;
        // A label needs about 50 px; with narrower bars, label every other one.
        int labelEvery = step >= 50 ? 1 : 2;
        long lower = 0;
        for (int i = 0; i < bands.size(); i++) {
            long[] b = bands.get(i);
            double h = b[1] / (double) max * plot;
            double x = LEFT + i * step;
            rect(out, "bar latency", x, HEIGHT - BOTTOM - h, Math.max(step - 2, 0.5), h,
                    band(lower) + " to " + band(b[0]) + ": " + Summary.plural(b[1], "attempt"));
            if (i % labelEvery == 0) {
                out.append(String.format(Locale.ROOT,
                        "<text class=\"label\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                        x + step / 2, HEIGHT - 12, escape("≤ " + band(b[0]))));
            }
            lower = b[0];
        }
        axes(out, Long.toString(max), "", "", "attempts", "latency of one attempt (each bar: up to the time below it)");
        out.append("</svg>\n");
    }

    /**
     * Latency bands on round numbers, 1, 2, 5, 10, 20, 50 ... (100 µs, 200 µs, 500 µs, 1 ms ...),
     * from the band of the fastest attempt to that of the slowest: {upper bound in µs, attempts}.
     */
    static List<long[]> bands(Histogram micros) {
        List<long[]> bands = new ArrayList<>();
        long min = micros.getMinValue();
        long max = micros.getMaxValue();
        long lower = 0;
        for (long decade = 100; lower <= max && decade > 0; decade *= 10) {
            for (long factor : new long[] {1, 2, 5}) {
                long upper = decade * factor;
                if (upper >= min || !bands.isEmpty()) {
                    if (lower <= max) {
                        bands.add(new long[] {upper, micros.getCountBetweenValues(lower == 0 ? 0 : lower + 1, upper)});
                    }
                }
                lower = upper;
            }
        }
        return bands;
    }

    /** A round band boundary: 500 µs, 2 ms, 50 ms, 1 s, 20 s. */
    static String band(long micros) {
        if (micros < 1_000) {
            return micros + " µs";
        }
        if (micros < 1_000_000) {
            return (micros / 1_000) + " ms";
        }
        return (micros / 1_000_000) + " s";
    }

    private static void hosts(StringBuilder out, RunDetail.Snapshot detail) {
        List<RunDetail.HostOutcome> hosts = detail.busiest(HOSTS_SHOWN);
        long max = 1;
        for (RunDetail.HostOutcome h : hosts) {
            max = Math.max(max, h.total());
        }
        int rowHeight = 18;
        int height = Math.max(rowHeight * hosts.size() + 10, 30);
        int left = 260;
        boolean limits = hosts.stream().anyMatch(h -> h.limit() > 0);
        // Room on the right for the "215 of 429 failed" label (and "; limit 32" under --adaptive).
        int room = limits ? 200 : 140;
        out.append("<h2>Outcomes by host (the ").append(HOSTS_SHOWN).append(" with the most URLs)</h2>\n")
                .append(legend("ok", "ok", "failed", "failed"))
                .append("<p class=\"note\">Bar length: URLs of the host, on one scale for all hosts.")
                .append(limits ? " Limit: the host's in-flight limit under --adaptive as its last URL finished." : "")
                .append("</p>\n")
                .append(String.format(Locale.ROOT,
                        "<svg class=\"chart\" id=\"hosts\" data-bars=\"%d\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                                + "xmlns=\"http://www.w3.org/2000/svg\">\n", hosts.size(), WIDTH, height, WIDTH, height));
        for (int i = 0; i < hosts.size(); i++) {
            RunDetail.HostOutcome h = hosts.get(i);
            double y = 5 + i * rowHeight;
            double okW = h.ok() / (double) max * (WIDTH - left - room);
            double failedW = h.failed() / (double) max * (WIDTH - left - room);
            String limit = h.limit() > 0 ? ", in-flight limit " + h.limit() : "";
            String tip = h.host() + ": " + h.ok() + " ok, " + h.failed() + " failed" + limit;
            out.append(String.format(Locale.ROOT, "<text class=\"label\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
                    left - 6, y + 12, escape(shorten(h.host(), 40))));
            rect(out, "bar ok", left, y, okW, rowHeight - 4, tip);
            rect(out, "bar failed", left + okW, y, failedW, rowHeight - 4, tip);
            out.append(String.format(Locale.ROOT, "<text class=\"label\" x=\"%.1f\" y=\"%.1f\">%d of %d failed%s</text>\n",
                    left + okW + failedW + 4, y + 12, h.failed(), h.total(),
                    h.limit() > 0 ? "; limit " + h.limit() : ""));
        }
        out.append("</svg>\n");
    }

    private static String svgOpen(String id, int bars) {
        // Room below the plot for the x axis's title.
        return String.format(Locale.ROOT, "<svg class=\"chart\" id=\"%s\" data-bars=\"%d\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" xmlns=\"http://www.w3.org/2000/svg\">\n", id, bars, WIDTH, HEIGHT + 20, WIDTH,
                HEIGHT + 20);
    }

    private static String legend(String class1, String label1, String class2, String label2) {
        return "<div class=\"legend\"><span style=\"background:#3a7d44\" class=\"" + class1 + "\"></span>" + label1
                + "<span style=\"background:#c0392b\" class=\"" + class2 + "\"></span>" + label2 + "</div>\n";
    }

    private static void axes(StringBuilder out, String top, String start, String end, String yTitle, String xTitle) {
        int base = HEIGHT - BOTTOM;
        out.append(String.format(Locale.ROOT, "<text class=\"title\" x=\"14\" y=\"%d\" text-anchor=\"middle\" "
                        + "transform=\"rotate(-90 14 %d)\">%s</text>\n", (base + 10) / 2, (base + 10) / 2, escape(yTitle)))
                .append(String.format(Locale.ROOT, "<text class=\"title\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                        (LEFT + WIDTH) / 2, HEIGHT + 14, escape(xTitle)));
        out.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"10\" x2=\"%d\" y2=\"%d\"/>\n", LEFT - 2, LEFT - 2, base))
                .append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", LEFT - 2, base, WIDTH - 10, base))
                .append(String.format(Locale.ROOT, "<text class=\"label\" x=\"%d\" y=\"18\" text-anchor=\"end\">%s</text>\n", LEFT - 6, escape(top)))
                .append(String.format(Locale.ROOT, "<text class=\"label\" x=\"%d\" y=\"%d\">%s</text>\n", LEFT, HEIGHT - 4, escape(start)))
                .append(String.format(Locale.ROOT, "<text class=\"label\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n", WIDTH - 10, HEIGHT - 4, escape(end)));
    }

    private static void rect(StringBuilder out, String cls, double x, double y, double w, double h, String tip) {
        if (h <= 0 || w <= 0) {
            return;
        }
        out.append(String.format(Locale.ROOT,
                "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>%s</title></rect>\n",
                cls, x, y, w, h, escape(tip)));
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
