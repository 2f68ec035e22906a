package dev.salvo.cli.report;

import dev.salvo.ErrorType;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The end-of-run summary, a few lines for standard error:
 *
 * <pre>
 * salvo: 3000 URLs in 2.41 s (1245/s): 2968 ok, 32 failed
 * salvo: failed: http 20 URLs (20 got 404), invalid_url 10 URLs, timeout 2 URLs
 * salvo: final statuses: 2968 URLs got 200, 20 got 404
 * salvo: 3044 requests sent (44 retries), 1263 requests/s
 * salvo: latency per attempt: p50 12 ms, p90 31 ms, p99 95 ms, max 1.52 s
 * salvo: outcomes: 2xx 2968, 4xx 20, no response 12
 * salvo: most failures: a.example 20 of 400 failed, b.example 12 of 12
 * </pre>
 *
 * Every URL counts once: under {@code failed} by its final error type, with the final statuses of
 * the URLs of that type (a redirect loop's 302 is under {@code redirects}, not {@code http}).
 * Counts come before what they count, so that no number reads like a status.
 *
 * A new section (latency percentiles, say) is one more method adding lines. Thread-safe (stateless).
 */
public final class Summary {

    private Summary() {
    }

    /** The summary lines, each without a line break. */
    public static List<String> lines(RunSnapshot s, Duration wall) {
        return lines(s, wall, null);
    }

    /**
     * The summary lines with latency percentiles, outcomes by status class and the hosts with the
     * most failures from {@code detail} (when not null).
     */
    public static List<String> lines(RunSnapshot s, Duration wall, RunDetail.Snapshot detail) {
        List<String> lines = new ArrayList<>();
        double seconds = Math.max(wall.toNanos(), 1) / 1e9;
        String cancelled = s.cancelled() > 0 ? ", " + s.cancelled() + " cancelled (no record)" : "";
        lines.add(String.format(Locale.ROOT, "salvo: %s in %.2f s (%.0f/s): %d ok, %d failed%s",
                plural(s.finished(), "URL"), seconds, s.finished() / seconds, s.ok(), s.failed(), cancelled));
        if (!s.failures().isEmpty()) {
            lines.add("salvo: failed: " + failures(s));
        }
        if (!s.statuses().isEmpty()) {
            lines.add("salvo: final statuses: " + got(s.statuses(), "URL"));
        }
        StringBuilder requests = new StringBuilder(String.format(Locale.ROOT,
                "salvo: %s sent (%s), %.0f requests/s", plural(s.attempts(), "request"),
                s.retries() == 0 ? "no retries" : plural(s.retries(), "retry", "retries"), s.attempts() / seconds));
        if (s.hostPauses() > 0) {
            requests.append(", ").append(plural(s.hostPauses(), "Retry-After pause"));
        }
        if (s.circuitsOpened() > 0) {
            requests.append(", ").append(plural(s.circuitsOpened(), "circuit")).append(" opened");
        }
        lines.add(requests.toString());
        if (detail != null) {
            addDetail(lines, s, detail);
        }
        return lines;
    }

    private static void addDetail(List<String> lines, RunSnapshot s, RunDetail.Snapshot detail) {
        Histogram latency = detail.latencyMicros();
        if (latency.getTotalCount() > 0) {
            lines.add("salvo: latency per attempt: p50 " + micros(latency.getValueAtPercentile(50))
                    + ", p90 " + micros(latency.getValueAtPercentile(90))
                    + ", p99 " + micros(latency.getValueAtPercentile(99))
                    + ", max " + micros(latency.getMaxValue()));
        }
        Map<String, Long> classes = statusClasses(s);
        if (!classes.isEmpty()) {
            StringBuilder out = new StringBuilder();
            classes.forEach((name, count) ->
                    out.append(out.isEmpty() ? "" : ", ").append(name).append(' ').append(count));
            lines.add("salvo: outcomes: " + out);
        }
        List<RunDetail.HostOutcome> worst = detail.mostFailures(10);
        if (!worst.isEmpty()) {
            StringBuilder out = new StringBuilder("salvo: most failures: ");
            for (RunDetail.HostOutcome host : worst) {
                out.append(host == worst.get(0) ? "" : ", ")
                        .append(host.host()).append(' ').append(host.failed()).append(" of ").append(host.total())
                        .append(host == worst.get(0) ? " failed" : "");
            }
            lines.add(out.toString());
        }
    }

    /** Finished URLs by status class ({@code 2xx} ... {@code 5xx}), then those without a response. */
    public static Map<String, Long> statusClasses(RunSnapshot s) {
        Map<String, Long> classes = new LinkedHashMap<>();
        long withStatus = 0;
        for (Map.Entry<Integer, Long> status : s.statuses().entrySet()) {
            classes.merge((status.getKey() / 100) + "xx", status.getValue(), Long::sum);
            withStatus += status.getValue();
        }
        long none = s.finished() - withStatus;
        if (none > 0) {
            classes.put("no response", none);
        }
        return classes;
    }

    /** A latency for people: 850 µs, 4.2 ms, 120 ms, 1.25 s. */
    static String micros(long micros) {
        if (micros < 1_000) {
            return micros + " µs";
        }
        if (micros < 10_000) {
            return String.format(Locale.ROOT, "%.1f ms", micros / 1e3);
        }
        if (micros < 1_000_000) {
            return String.format(Locale.ROOT, "%.0f ms", micros / 1e3);
        }
        return String.format(Locale.ROOT, "%.2f s", micros / 1e6);
    }

    private static String failures(RunSnapshot s) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<ErrorType, Long> failure : s.failures().entrySet()) {
            out.append(out.isEmpty() ? "" : ", ")
                    .append(failure.getKey().wireName()).append(' ').append(plural(failure.getValue(), "URL"));
            Map<Integer, Long> statuses = s.failureStatuses().get(failure.getKey());
            if (statuses != null && !statuses.isEmpty()) {
                out.append(" (").append(got(statuses, null)).append(')');
            }
        }
        return out.toString();
    }

    /**
     * "5 URLs got 429, 1 got 404": most frequent first; {@code noun} after the first count only
     * (null for none).
     */
    static String got(Map<Integer, Long> statuses, String noun) {
        StringBuilder out = new StringBuilder();
        statuses.entrySet().stream()
                .sorted(Map.Entry.<Integer, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> {
                    boolean first = out.isEmpty();
                    out.append(first ? "" : ", ")
                            .append(first && noun != null ? plural(e.getValue(), noun) : e.getValue())
                            .append(" got ").append(e.getKey());
                });
        return out.toString();
    }

    /** "1 URL", "2 URLs". */
    public static String plural(long count, String noun) {
        return plural(count, noun, noun + "s");
    }

    /** "1 retry", "2 retries". */
    public static String plural(long count, String one, String many) {
        return count + " " + (count == 1 ? one : many);
    }
}
