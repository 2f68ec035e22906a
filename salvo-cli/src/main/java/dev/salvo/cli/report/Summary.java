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
 * salvo: failed: http 20 (404: 20), timeout 2, invalid_url 10
 * salvo: statuses: 200: 2968, 404: 20
 * salvo: 3044 requests sent (44 retries), 1263 requests/s
 * salvo: latency per attempt: p50 12 ms, p90 31 ms, p99 95 ms, max 1.52 s
 * salvo: outcomes: 2xx 2968, 4xx 20, no response 12
 * salvo: most failures: a.example 20/400, b.example 12/12
 * </pre>
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
        String unchanged = s.unchanged() > 0 ? " (" + s.unchanged() + " unchanged)" : "";
        lines.add(String.format(Locale.ROOT, "salvo: %d URLs in %.2f s (%.0f/s): %d ok%s, %d failed%s",
                s.finished(), seconds, s.finished() / seconds, s.ok(), unchanged, s.failed(), cancelled));
        if (!s.failures().isEmpty()) {
            lines.add("salvo: failed: " + failures(s));
        }
        if (!s.statuses().isEmpty()) {
            lines.add("salvo: statuses: " + counts(s.statuses()));
        }
        StringBuilder requests = new StringBuilder(String.format(Locale.ROOT,
                "salvo: %d requests sent (%d retries), %.0f requests/s", s.attempts(), s.retries(),
                s.attempts() / seconds));
        if (s.hostPauses() > 0) {
            requests.append(", ").append(s.hostPauses()).append(" Retry-After pauses");
        }
        if (s.circuitsOpened() > 0) {
            requests.append(", ").append(s.circuitsOpened()).append(" circuits opened");
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
                        .append(host.host()).append(' ').append(host.failed()).append('/').append(host.total());
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
            if (!out.isEmpty()) {
                out.append(", ");
            }
            out.append(failure.getKey().wireName()).append(' ').append(failure.getValue());
            if (failure.getKey() == ErrorType.HTTP) {
                StringBuilder statuses = new StringBuilder();
                for (Map.Entry<Integer, Long> status : s.statuses().entrySet()) {
                    if (status.getKey() < 200 || status.getKey() >= 300) {
                        statuses.append(statuses.isEmpty() ? "" : ", ")
                                .append(status.getKey()).append(": ").append(status.getValue());
                    }
                }
                if (!statuses.isEmpty()) {
                    out.append(" (").append(statuses).append(')');
                }
            }
        }
        return out.toString();
    }

    private static String counts(Map<Integer, Long> statuses) {
        StringBuilder out = new StringBuilder();
        statuses.forEach((status, count) ->
                out.append(out.isEmpty() ? "" : ", ").append(status).append(": ").append(count));
        return out.toString();
    }
}
