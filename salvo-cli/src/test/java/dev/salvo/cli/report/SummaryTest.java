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
                "salvo: failed: invalid_url 1, timeout 1, http 1 (404: 1)",
                "salvo: statuses: 200: 1, 404: 1",
                "salvo: 3 requests sent (1 retries), 2 requests/s"), Summary.lines(s, Duration.ofSeconds(2)));
    }

    private static FetchResult result(long index, Integer status, ErrorType error) {
        return new FetchResult(index, "http://h/" + index, null, status, 1, 0, 0, null, null, null,
                error == null ? null : new FetchError(error, "x"), null);
    }
}
