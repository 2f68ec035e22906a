package dev.salvo.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** {@link FailureMemory} checked against a plain map and sorted set doing the same. */
class FailureMemoryTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void findsWhatWasPutAndForgetsWhatWasRemoved() {
        FailureMemory memory = new FailureMemory();
        memory.put(FailureMemory.hash("a.test:80"), 2, 5 * SECOND, 35 * SECOND, 0);
        int slot = memory.find(FailureMemory.hash("a.test:80"));
        assertTrue(slot >= 0);
        assertEquals(2, memory.failures(slot));
        assertEquals(5 * SECOND, memory.lastFailureNanos(slot));
        assertEquals(-1, memory.find(FailureMemory.hash("b.test:80")));
        memory.remove(slot);
        assertEquals(-1, memory.find(FailureMemory.hash("a.test:80")));
        assertTrue(memory.isEmpty());
        assertEquals(Long.MAX_VALUE, memory.earliestDeadline());
    }

    @Test
    void thePutUnderAHashAlreadyHeldReplacesIt() {
        FailureMemory memory = new FailureMemory();
        memory.put(7, 1, 0, 30 * SECOND, 0);
        memory.put(7, 3, 10 * SECOND, 40 * SECOND, 1);
        assertEquals(1, memory.size());
        assertEquals(3, memory.failures(memory.find(7)));
        assertEquals(40 * SECOND, memory.earliestDeadline());
    }

    @Test
    void theNearestDeadlineComesFirstAndOfEqualOnesTheFirstSet() {
        FailureMemory memory = new FailureMemory();
        memory.put(1, 1, 0, 30 * SECOND, 0);
        memory.put(2, 1, 0, 20 * SECOND, 1);
        memory.put(3, 1, 0, 20 * SECOND, 2);
        assertEquals(20 * SECOND, memory.earliestDeadline());
        assertEquals(1, memory.earliestSequence());
        memory.removeEarliest();
        assertEquals(-1, memory.find(2));
        assertEquals(2, memory.earliestSequence());
        memory.removeEarliest();
        assertEquals(-1, memory.find(3));
        assertEquals(30 * SECOND, memory.earliestDeadline());
    }

    @Test
    void hashesNeverComeOutEmptyAndDifferForNearbyKeys() {
        assertNotEquals(0, FailureMemory.hash(""));
        assertNotEquals(FailureMemory.hash("127.1.0.1:9"), FailureMemory.hash("127.1.0.10:9"));
        assertNotEquals(FailureMemory.hash("127.1.0.1:9"), FailureMemory.hash("127.1.1.0:9"));
    }

    /**
     * Random puts, finds and removals, many of them on hashes that share their home slot (the
     * low bits) so that probe runs form, break and shift back, checked against a model after
     * every step; the table grows from its first size through several doublings on the way.
     */
    @Test
    void agreesWithAModelThroughCollisionsGrowthAndRemovals() {
        Random random = new Random(8);
        FailureMemory memory = new FailureMemory();
        Map<Long, long[]> model = new HashMap<>();   // hash -> {failures, lastFailure, deadline, sequence}
        TreeSet<Long> order = new TreeSet<>(Comparator.<Long>comparingLong(h -> model.get(h)[2])
                .thenComparingLong(h -> model.get(h)[3]));
        List<Long> pool = new ArrayList<>();
        for (int i = 1; i <= 600; i++) {
            // Low bits 1 to 4 only: four home slots whatever the size, so probe runs are long.
            pool.add(((long) i << 32) | (i % 4) + 1);
        }
        long sequence = 0;
        for (int step = 0; step < 30_000; step++) {
            long hash = pool.get(random.nextInt(pool.size()));
            switch (random.nextInt(4)) {
                case 0, 1 -> {
                    long[] entry = {1 + random.nextInt(4), random.nextInt(100) * SECOND,
                            random.nextInt(20) * SECOND, sequence++};
                    if (model.containsKey(hash)) {
                        order.remove(hash);
                    }
                    model.put(hash, entry);
                    order.add(hash);
                    memory.put(hash, (int) entry[0], entry[1], entry[2], entry[3]);
                }
                case 2 -> {
                    int slot = memory.find(hash);
                    assertEquals(model.containsKey(hash), slot >= 0, "found " + hash);
                    if (slot >= 0) {
                        memory.remove(slot);
                        order.remove(hash);
                        model.remove(hash);
                    }
                }
                default -> {
                    if (!model.isEmpty()) {
                        long first = order.pollFirst();
                        model.remove(first);
                        memory.removeEarliest();
                        assertEquals(-1, memory.find(first));
                    }
                }
            }
            assertEquals(model.size(), memory.size());
            if (!model.isEmpty()) {
                long[] first = model.get(order.first());
                assertEquals(first[2], memory.earliestDeadline(), "earliest deadline at step " + step);
                assertEquals(first[3], memory.earliestSequence(), "earliest sequence at step " + step);
            }
            if (step % 500 == 0) {
                for (long h : pool) {
                    int slot = memory.find(h);
                    long[] entry = model.get(h);
                    assertEquals(entry != null, slot >= 0, "membership of " + h + " at step " + step);
                    if (entry != null) {
                        assertEquals(entry[0], memory.failures(slot));
                        assertEquals(entry[1], memory.lastFailureNanos(slot));
                    }
                }
            }
        }
    }

    @Test
    void clearForgetsEverythingAndTheTableIsUsableAfter() {
        FailureMemory memory = new FailureMemory();
        for (long h = 1; h <= 1_000; h++) {
            memory.put(h, 1, 0, h, h);
        }
        memory.clear();
        assertEquals(0, memory.size());
        assertEquals(-1, memory.find(500));
        memory.put(500, 2, 0, 9, 0);
        assertEquals(2, memory.failures(memory.find(500)));
        assertEquals(9, memory.earliestDeadline());
    }
}
