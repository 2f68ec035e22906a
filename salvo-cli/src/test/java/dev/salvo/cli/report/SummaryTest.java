package dev.salvo.cli.report;

import dev.salvo.ErrorType;
import dev.salvo.FetchError;
import dev.salvo.FetchRequest;
import dev.salvo.FetchResult;
import dev.salvo.SalvoEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SummaryTest {

    @Test
    void countsEventsAndSummarisesThem() {
        RunStats stats = new RunStats();
        FetchRequest a = FetchRequest.of(0, "http://h/a");
        FetchRequest b = FetchRequest.of(1, "http://h/b");
        stats.onEvent(new SalvoEvent.AttemptStarted(a, 1, "h"));
        stats.onEvent(new SalvoEvent.AttemptStarted(b, 1, "h"));
        assertEquals(2, stats.snapshot().inFlight());
        stats.onEvent(new SalvoEvent.AttemptFinished(a, 1, "h", 503, ErrorType.HTTP, 1));
        stats.onEvent(new SalvoEvent.RetryScheduled(a, 1, Duration.ofMillis(5), "HTTP 503"));
        stats.onEvent(new SalvoEvent.AttemptStarted(a, 2, "h"));
        stats.onEvent(new SalvoEvent.AttemptFinished(a, 2, "h", 200, null, 1));
        stats.onEvent(new SalvoEvent.AttemptFinished(b, 1, "h", 404, ErrorType.HTTP, 1));
        stats.onEvent(new SalvoEvent.ResultProduced(result(0, 200, null)));
        stats.onEvent(new SalvoEvent.ResultProduced(result(1, 404, ErrorType.HTTP)));
        stats.onEvent(new SalvoEvent.ResultProduced(result(2, null, ErrorType.INVALID_URL)));
        stats.onEvent(new SalvoEvent.ResultProduced(result(3, null, ErrorType.TIMEOUT)));

        RunSnapshot s = stats.snapshot();
        assertEquals(4, s.results());
        assertEquals(1, s.ok());
        assertEquals(3, s.failed());
        assertEquals(0, s.inFlight());
        assertEquals(List.of(
                "salvo: 4 URLs in 2.00 s (2/s): 1 ok, 3 failed",
                "salvo: failed: invalid_url 1 URL, timeout 1 URL, http 1 URL (1 got 404)",
                "salvo: final statuses: 1 URL got 200, 1 got 404",
                "salvo: 3 requests sent (1 retry), 2 requests/s"), Summary.lines(s, Duration.ofSeconds(2)));
    }

    /** The run the issue saw: 5 redirect loops (last status 302), 5 URLs throttled (429), 1 missing. */
    @Test
    void eachFailedUrlCountsOnceUnderItsFinalErrorType() {
        RunStats stats = new RunStats();
        long index = 0;
        for (int i = 0; i < 5; i++) {
            stats.onEvent(new SalvoEvent.ResultProduced(result(index++, 302, ErrorType.REDIRECTS)));
            stats.onEvent(new SalvoEvent.ResultProduced(result(index++, 429, ErrorType.HTTP)));
        }
        stats.onEvent(new SalvoEvent.ResultProduced(result(index, 404, ErrorType.HTTP)));

        List<String> lines = Summary.lines(stats.snapshot(), Duration.ofSeconds(1));

        assertEquals("salvo: failed: http 6 URLs (5 got 429, 1 got 404), redirects 5 URLs (5 got 302)", lines.get(1));
        assertEquals("salvo: final statuses: 5 URLs got 302, 5 got 429, 1 got 404", lines.get(2));
    }

    @Test
    void oneOfAThingIsSingular() {
        RunStats stats = new RunStats();
        FetchRequest a = FetchRequest.of(0, "http://h/a");
        stats.onEvent(new SalvoEvent.AttemptStarted(a, 1, "h"));
        stats.onEvent(new SalvoEvent.AttemptFinished(a, 1, "h", 200, null, 1));
        stats.onEvent(new SalvoEvent.ResultProduced(result(0, 200, null)));

        assertEquals(List.of(
                "salvo: 1 URL in 1.00 s (1/s): 1 ok, 0 failed",
                "salvo: final statuses: 1 URL got 200",
                "salvo: 1 request sent (no retries), 1 requests/s"), Summary.lines(stats.snapshot(), Duration.ofSeconds(1)));
    }

    private static FetchResult result(long index, Integer status, ErrorType error) {
        return new FetchResult(index, "http://h/" + index, null, status, 1, 0, 0, null, null, null,
                error == null ? null : new FetchError(error, "x"), null);
    }
}
