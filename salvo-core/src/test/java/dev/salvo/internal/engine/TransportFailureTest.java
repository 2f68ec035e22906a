package dev.salvo.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.ErrorType;
import dev.salvo.FetchRequest;
import dev.salvo.FetchResult;
import dev.salvo.SalvoConfig;
import dev.salvo.internal.transport.Exchange;
import dev.salvo.internal.transport.Outcome;
import dev.salvo.internal.transport.Transport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A transport that throws instead of reporting an outcome must not lose the URL, nor stall the
 * URLs admitted with it: each still gets exactly one result.
 */
@Timeout(10)
class TransportFailureTest {

    @Test
    void requestTheTransportRefusesStillGetsItsResult() throws Exception {
        Transport transport = new Transport() {
            @Override
            public InFlight send(Exchange exchange, Consumer<Outcome> done) {
                if (exchange.target().pathAndQuery().startsWith("/refused")) {
                    throw new IllegalArgumentException("refused by the transport");
                }
                done.accept(new Outcome.Response(200, null, null, null, 0, "", null));
                return (type, message) -> { };
            }

            @Override
            public void close() {
            }
        };
        ExecutorService loop = Executors.newSingleThreadExecutor();
        try {
            List<FetchRequest> requests = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                requests.add(FetchRequest.of(i, "http://127.0.0.1:1/" + (i % 2 == 0 ? "refused/" : "ok/") + i));
            }
            RunImpl run = new RunImpl(SalvoConfig.builder().concurrency(2).perHost(2).build(), transport, loop,
                    requests.iterator());
            List<FetchResult> results = new ArrayList<>();
            run.startFeeding();
            run.deliverResults(results::add);

            assertEquals(10, results.size());
            assertEquals(5, results.stream().filter(FetchResult::ok).count());
            assertTrue(results.stream().filter(r -> !r.ok()).allMatch(r -> r.error().type() == ErrorType.PROTOCOL
                    && r.error().message().contains("refused by the transport")), results.toString());
        } finally {
            loop.shutdownNow();
        }
    }
}
