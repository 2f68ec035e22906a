package dev.salvo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.salvo.FetchResult;
import dev.salvo.FetchRun;
import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;
import dev.salvo.SalvoEvent;
import dev.salvo.testing.FakeTime;
import dev.salvo.testing.MisbehavingServer;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The global token bucket lets a burst through at once, then spaces requests at the rate. The
 * test reads the schedule from a log of attempts stamped with {@link FakeTime}.
 */
@Timeout(20)
class RateLimitTest {

    @Test
    void burstGoesAtOnceThenOneRequestPerTick() throws Exception {
        FakeTime time = new FakeTime();
        Events events = new Events(time, event -> event instanceof SalvoEvent.AttemptStarted started
                ? "start " + started.request().index() : null);
        SalvoConfig config = SalvoConfig.builder().rate(10).burst(2).concurrency(64).perHost(8).retries(0)
                .timeSource(time).listener(events).build();
        try (MisbehavingServer server = MisbehavingServer.start(); Salvo salvo = Salvo.create(config)) {
            Results results = new Results();
            FetchRun run = salvo.start(Inputs.requests(Inputs.urls(server, "/ok", 20)), results);
            Clock.runUntilDone(time, run, events, 40);

            List<String> expected = new ArrayList<>(List.of("+0ms start 0", "+0ms start 1"));
            for (int i = 2; i < 20; i++) {
                expected.add("+" + (i - 1) * 100 + "ms start " + i);
            }
            assertEquals(expected, events.log());
            assertEquals(18, time.requestedDelays().size(), "one wait per request after the burst: "
                    + time.requestedDelays());
            time.requestedDelays().forEach(delay -> assertEquals(100, delay.toMillis(), delay.toString()));
            assertEquals(20, results.count(FetchResult::ok));
        }
    }
}
