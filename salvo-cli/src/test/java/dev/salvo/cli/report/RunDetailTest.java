package dev.salvo.cli.report;

import dev.salvo.ErrorType;
import dev.salvo.FetchError;
import dev.salvo.FetchRequest;
import dev.salvo.FetchResult;
import dev.salvo.SalvoEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunDetailTest {

    private static final long SECOND = 1_000_000_000L;

    static FetchResult result(long index, String url, Integer status, ErrorType error) {
        return new FetchResult(index, url, null, status, 1, 0, 0, null, null, null,
                error == null ? null : new FetchError(error, "x"), null);
    }

    @Test
    void hostsAreTakenFromTheUrlWithoutParsingIt() {
        assertEquals("example.com", RunDetail.hostOf("https://Example.COM/a?b#c"));
        assertEquals("example.com:8080", RunDetail.hostOf("http://example.com:8080"));
        assertEquals("h", RunDetail.hostOf("http://user:pw@h/x"));
        assertEquals("(invalid)", RunDetail.hostOf("not a url"));
        assertEquals("(invalid)", RunDetail.hostOf("http:///path"));
    }

    @Test
    void countsFinishedUrlsPerSecondAndPerHostButNotCancelledOnes() {
        AtomicLong now = new AtomicLong(0);
        RunDetail detail = new RunDetail(now::get);
        detail.onEvent(new SalvoEvent.ResultProduced(result(0, "http://a/1", 200, null)));
        now.set(SECOND / 2);
        detail.onEvent(new SalvoEvent.ResultProduced(result(1, "http://b/1", 503, ErrorType.HTTP)));
        now.set(2 * SECOND + 1);
        detail.onEvent(new SalvoEvent.ResultProduced(result(2, "http://b/2", null, ErrorType.TIMEOUT)));
        detail.onEvent(new SalvoEvent.ResultProduced(result(3, "http://a/2", null, ErrorType.CANCELLED)));
        FetchRequest r = FetchRequest.of(0, "http://a/1");
        detail.onEvent(new SalvoEvent.AttemptFinished(r, 1, "a", 200, null, 12_000_000));
        detail.onEvent(new SalvoEvent.AttemptFinished(r, 1, "a", 200, null, 250_000_000));

        RunDetail.Snapshot s = detail.snapshot();
        assertArrayEquals(new long[] {1, 0, 0}, s.okPerSecond());
        assertArrayEquals(new long[] {1, 0, 1}, s.failedPerSecond());
        assertEquals(List.of(new RunDetail.HostOutcome("b", 0, 2), new RunDetail.HostOutcome("a", 1, 0)),
                s.busiest(5));
        assertEquals(List.of(new RunDetail.HostOutcome("b", 0, 2)), s.mostFailures(10));
        assertEquals(2, s.latencyMicros().getTotalCount());
        assertTrue(Math.abs(s.latencyMicros().getMaxValue() - 250_000) < 250, "max " + s.latencyMicros().getMaxValue());
    }

    @Test
    void summaryGainsPercentilesStatusClassesAndWorstHosts() {
        RunStats stats = new RunStats();
        RunDetail detail = new RunDetail();
        String[] urls = {"http://a/1", "http://a/2", "http://b/1", "http://c/1", "bad"};
        Integer[] statuses = {200, 404, 503, 200, null};
        ErrorType[] errors = {null, ErrorType.HTTP, ErrorType.HTTP, null, ErrorType.INVALID_URL};
        for (int i = 0; i < urls.length; i++) {
            SalvoEvent.ResultProduced event = new SalvoEvent.ResultProduced(result(i, urls[i], statuses[i], errors[i]));
            stats.onEvent(event);
            detail.onEvent(event);
        }
        for (long ms : new long[] {5, 10, 20, 40, 1_500}) {
            detail.onEvent(new SalvoEvent.AttemptFinished(FetchRequest.of(0, "http://a/1"), 1, "a", 200, null,
                    ms * 1_000_000));
        }
        List<String> lines = Summary.lines(stats.snapshot(), Duration.ofSeconds(1), detail.snapshot());
        assertEquals(List.of(
                "salvo: latency per attempt: p50 20 ms, p90 1.50 s, p99 1.50 s, max 1.50 s",
                "salvo: outcomes: 2xx 2, 4xx 1, 5xx 1, no response 1",
                "salvo: most failures: a 1 of 2 failed, (invalid) 1 of 1, b 1 of 1"), lines.subList(lines.size() - 3, lines.size()));
    }
}
