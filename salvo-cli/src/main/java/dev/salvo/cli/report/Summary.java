package dev.salvo.cli.report;

import dev.salvo.ErrorType;

import java.time.Duration;
import java.util.ArrayList;
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
 * </pre>
 *
 * A new section (latency percentiles, say) is one more method adding lines. Thread-safe (stateless).
 */
public final class Summary {

    private Summary() {
    }

    /** The summary lines, each without a line break. */
    public static List<String> lines(RunSnapshot s, Duration wall) {
        List<String> lines = new ArrayList<>();
        double seconds = Math.max(wall.toNanos(), 1) / 1e9;
        lines.add(String.format(Locale.ROOT, "salvo: %d URLs in %.2f s (%.0f/s): %d ok, %d failed",
                s.results(), seconds, s.results() / seconds, s.ok(), s.failed()));
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
        return lines;
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
