package dev.salvo.cli.report;

import dev.salvo.ErrorType;
import dev.salvo.FetchRequest;
import dev.salvo.SalvoEvent;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsServerTest {

    @Test
    void servesTheCountersInPrometheusTextOnLoopback() throws Exception {
        RunStats stats = new RunStats();
        FetchRequest a = FetchRequest.of(0, "http://h/a");
        stats.onEvent(new SalvoEvent.AttemptStarted(a, 1, "h"));
        stats.onEvent(new SalvoEvent.AttemptStarted(FetchRequest.of(1, "http://h/b"), 1, "h"));
        stats.onEvent(new SalvoEvent.AttemptFinished(a, 1, "h", 503, ErrorType.HTTP, 1));
        stats.onEvent(new SalvoEvent.RetryScheduled(a, 1, java.time.Duration.ofSeconds(1), "503"));
        stats.onEvent(new SalvoEvent.CircuitOpened("h"));
        stats.onEvent(new SalvoEvent.ResultProduced(RunDetailTest.result(2, "http://h/c", 200, null)));
        try (MetricsServer server = MetricsServer.start(0, stats);
             HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
            String body = response.body();
            for (String sample : new String[] {"salvo_results_total{outcome=\"ok\"} 1", "salvo_attempts_total 2",
                    "salvo_in_flight 1", "salvo_retries_waiting 1", "salvo_open_circuits 1",
                    "salvo_results_by_status_total{status=\"200\"} 1", "# TYPE salvo_in_flight gauge"}) {
                assertTrue(body.contains(sample + "\n"), sample + " in\n" + body);
            }
        }
    }

    @Test
    void listsEachHostsAdaptiveLimitAsLastSet() throws Exception {
        RunStats stats = new RunStats();
        stats.onEvent(new SalvoEvent.HostLimitChanged("a.test:80", 2));
        stats.onEvent(new SalvoEvent.HostLimitChanged("b.test:443", 2));
        stats.onEvent(new SalvoEvent.HostLimitChanged("a.test:80", 5));
        stats.onEvent(new SalvoEvent.HostLimitChanged("a.test:80", 3));
        try (MetricsServer server = MetricsServer.start(0, stats);
             HttpClient client = HttpClient.newHttpClient()) {
            String body = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(body.contains("# TYPE salvo_host_concurrency_limit gauge\n"
                    + "salvo_host_concurrency_limit{host=\"a.test:80\"} 3\n"
                    + "salvo_host_concurrency_limit{host=\"b.test:443\"} 2\n"), body);
        }
    }

    @Test
    void noLimitsWithoutAdaptive() {
        assertEquals("", MetricsServer.renderLimits(new RunStats().hostLimits().first(10)));
    }
}
