package dev.salvo.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.salvo.EngineSnapshot;
import dev.salvo.FetchRequest;
import dev.salvo.SalvoEvent;

import org.junit.jupiter.api.Test;

/** Once a run is watched, the gauges come from the engine's snapshot, not from counting events. */
class RunStatsEngineGaugesTest {

    @Test
    void gaugesComeFromTheEngineSnapshot() {
        RunStats stats = new RunStats();
        FetchRequest a = FetchRequest.of(0, "http://a/");
        stats.onEvent(new SalvoEvent.AttemptStarted(a, 1, "a:80"));
        stats.onEvent(new SalvoEvent.CircuitOpened("a:80"));
        assertEquals(1, stats.snapshot().inFlight(), "from events while no run is watched");

        stats.watch(() -> new EngineSnapshot(3, 2, 7, 0, 9));
        RunSnapshot snapshot = stats.snapshot();
        assertEquals(3, snapshot.inFlight());
        assertEquals(2, snapshot.retriesWaiting());
        assertEquals(0, snapshot.openCircuits(), "the engine forgot the host, so its circuit is no longer open");
        assertEquals(1, snapshot.attempts());
    }
}
