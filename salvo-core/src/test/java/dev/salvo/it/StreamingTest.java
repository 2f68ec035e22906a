package dev.salvo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.FetchRequest;
import dev.salvo.FetchResult;
import dev.salvo.Salvo;
import dev.salvo.SalvoConfig;
import dev.salvo.SalvoEvent;
import dev.salvo.testing.MisbehavingServer;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Input is read lazily, never more than the window ahead of the results delivered, and ordered
 * mode delivers in input order whatever order the requests finish in.
 */
// A bound against a hang, not a measure: this test took 34 s on a machine with a load average of 21.
@Timeout(120)
class StreamingTest {

    private static final int COUNT = 50_000;
    private static final int WINDOW = 256;

    @Test
    void inputIsNeverMoreThanTheWindowAheadOfResults() throws Exception {
        try (MisbehavingServer server = MisbehavingServer.builder().retainRequests(1).start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().concurrency(64).perHost(64).window(WINDOW)
                     .retries(0).build())) {
            String base = server.url("/ok/").toString();
            AtomicLong read = new AtomicLong();
            AtomicLong delivered = new AtomicLong();
            AtomicLong maxAhead = new AtomicLong();
            Iterator<FetchRequest> input = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return read.get() < COUNT;
                }

                @Override
                public FetchRequest next() {
                    long index = read.getAndIncrement();
                    maxAhead.accumulateAndGet(index + 1 - delivered.get(), Math::max);
                    return FetchRequest.of(index, base + index);
                }
            };
            long[] ok = {0};

            salvo.fetch(input, result -> {
                delivered.incrementAndGet();
                maxAhead.accumulateAndGet(read.get() - delivered.get(), Math::max);
                if (result.ok()) {
                    ok[0]++;
                }
            });

            assertEquals(COUNT, delivered.get());
            assertEquals(COUNT, ok[0]);
            assertTrue(maxAhead.get() <= WINDOW, "read " + maxAhead.get() + " ahead of delivery, window " + WINDOW);
            assertTrue(maxAhead.get() >= WINDOW / 2, "the window was used: " + maxAhead.get());
        }
    }

    @Test
    void orderedModeDeliversInInputOrder() throws Exception {
        Events events = new Events();
        try (MisbehavingServer server = MisbehavingServer.start();
             Salvo salvo = Salvo.create(SalvoConfig.builder().concurrency(16).ordered(true).retries(0)
                     .listener(events).build())) {
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                urls.add(server.url(i % 5 == 0 ? "/slow/" + (250 - i * 5) + "/" + i : "/ok/" + i).toString());
            }
            List<Long> delivered = new ArrayList<>();

            salvo.fetch(Inputs.requests(urls), result -> delivered.add(result.index()));

            List<Long> inputOrder = new ArrayList<>();
            for (long i = 0; i < 40; i++) {
                inputOrder.add(i);
            }
            assertEquals(inputOrder, delivered);
            List<Long> completionOrder = events.of(SalvoEvent.ResultProduced.class).stream()
                    .map(e -> e.result().index()).toList();
            assertNotEquals(inputOrder, completionOrder, "requests finished out of order, so reordering was needed");
        }
    }
}
