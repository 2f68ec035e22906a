package dev.salvo.cli.report;

import dev.salvo.ErrorType;
import dev.salvo.FetchResult;
import dev.salvo.SalvoEvent;
import dev.salvo.SalvoListener;
import org.HdrHistogram.Histogram;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * What the end-of-run report needs beyond counts: the latency of every attempt (HdrHistogram, in
 * microseconds, 3 significant digits), finished URLs per second of the run (ok and failed), and
 * outcomes per host.
 *
 * <p>Per-host counts are kept for the first {@value #MAX_HOSTS} hosts seen; later hosts are
 * counted together as {@value #OTHER_HOSTS}, so a run over millions of hosts stays in bounded
 * memory (some 70 bytes a host, in arrays: see {@link HostCounts}). Cancelled URLs are not
 * counted: they did not finish.
 *
 * <p>Thread-safe: {@link #onEvent} (the engine thread) and {@link #snapshot} (any thread) share one
 * lock, which only the engine thread takes often, so it is never contended for long.
 */
public final class RunDetail implements SalvoListener {

    static final int MAX_HOSTS = 100_000;
    static final String OTHER_HOSTS = "(other hosts)";

    private final LongSupplier nanoClock;
    private final long startNanos;
    private final Histogram latencyMicros = new Histogram(3);
    private long[] okPerSecond = new long[64];
    private long[] failedPerSecond = new long[64];
    private int seconds;
    private final HostCounts hosts = new HostCounts(MAX_HOSTS, OTHER_HOSTS);
    /** Under --adaptive only (nothing is added without it): each host key's in-flight limit. */
    private final HostLimits limits = new HostLimits();

    /** Starts the run's clock now, on {@link System#nanoTime}. */
    public RunDetail() {
        this(System::nanoTime);
    }

    /** For tests: a run on {@code nanoClock}, starting now. */
    RunDetail(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        latencyMicros.setAutoResize(true);
    }

    @Override
    public void onEvent(SalvoEvent event) {
        if (event instanceof SalvoEvent.AttemptFinished finished) {
            synchronized (this) {
                latencyMicros.recordValue(Math.max(0, finished.elapsedNanos() / 1_000));
            }
        } else if (event instanceof SalvoEvent.HostLimitChanged) {
            limits.onEvent(event);
        } else if (event instanceof SalvoEvent.ResultProduced produced) {
            FetchResult result = produced.result();
            if (result.error() != null && result.error().type() == ErrorType.CANCELLED) {
                return;
            }
            String host = hostOf(result.url());
            long now = nanoClock.getAsLong();
            synchronized (this) {
                countSecond((int) Math.max(0, (now - startNanos) / 1_000_000_000L), result.ok());
                Integer limit = limits.of(produced.host());
                // With a limit: the host's limit as its latest URL finished.
                hosts.count(host, result.ok(), limit == null ? 0 : limit);
            }
        }
    }

    private void countSecond(int second, boolean ok) {
        if (second >= okPerSecond.length) {
            int length = Math.max(second + 1, okPerSecond.length * 2);
            okPerSecond = Arrays.copyOf(okPerSecond, length);
            failedPerSecond = Arrays.copyOf(failedPerSecond, length);
        }
        if (ok) {
            okPerSecond[second]++;
        } else {
            failedPerSecond[second]++;
        }
        seconds = Math.max(seconds, second + 1);
    }

    /** The host (and port, when given) of a URL, lower-cased, without parsing it fully; "(invalid)" if none. */
    static String hostOf(String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return "(invalid)";
        }
        int start = scheme + 3;
        int end = start;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        String authority = url.substring(start, end);
        int at = authority.lastIndexOf('@');
        String host = at >= 0 ? authority.substring(at + 1) : authority;
        return host.isEmpty() ? "(invalid)" : host.toLowerCase(Locale.ROOT);
    }

    /** A copy of everything so far. */
    public synchronized Snapshot snapshot() {
        return new Snapshot(latencyMicros.copy(), Arrays.copyOf(okPerSecond, seconds),
                Arrays.copyOf(failedPerSecond, seconds), hosts.outcomes());
    }

    /** Finished URLs of one host, and under --adaptive its in-flight limit as its latest URL finished (else 0). */
    public record HostOutcome(String host, long ok, long failed, int limit) {

        /** Without --adaptive. */
        public HostOutcome(String host, long ok, long failed) {
            this(host, ok, failed, 0);
        }

        public long total() {
            return ok + failed;
        }
    }

    /**
     * The detail of a run at one moment. Its arrays and histogram are copies owned by it.
     *
     * @param latencyMicros   attempt latencies in microseconds
     * @param okPerSecond     URLs that finished ok in each second of the run, from its start
     * @param failedPerSecond URLs that failed in each second
     * @param hosts           outcomes by host, in no order
     */
    public record Snapshot(Histogram latencyMicros, long[] okPerSecond, long[] failedPerSecond,
                           List<HostOutcome> hosts) {

        /** The {@code n} hosts with the most failures (ties: most URLs, then name), hosts without failures left out. */
        public List<HostOutcome> mostFailures(int n) {
            return hosts.stream().filter(h -> h.failed() > 0)
                    .sorted(Comparator.comparingLong(HostOutcome::failed).reversed()
                            .thenComparing(Comparator.comparingLong(HostOutcome::total).reversed())
                            .thenComparing(HostOutcome::host))
                    .limit(n).toList();
        }

        /** The {@code n} hosts with the most finished URLs. */
        public List<HostOutcome> busiest(int n) {
            return hosts.stream()
                    .sorted(Comparator.comparingLong(HostOutcome::total).reversed().thenComparing(HostOutcome::host))
                    .limit(n).toList();
        }
    }
}
