package dev.salvo;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FinishedIndexesTest {

    @Test
    void addsAndFindsIndexesAcrossWordBoundariesAndGrowth() {
        FinishedIndexes set = new FinishedIndexes();
        long[] indexes = {0, 1, 63, 64, 65, 127, 128, 1_000, 9_999_999};
        for (long index : indexes) {
            assertTrue(set.add(index));
        }
        for (long index : indexes) {
            assertTrue(set.contains(index), "contains " + index);
        }
        for (long absent : new long[] {2, 62, 66, 126, 129, 999, 9_999_998, 10_000_000, Long.MAX_VALUE / 2}) {
            assertFalse(set.contains(absent), "does not contain " + absent);
        }
        assertEquals(indexes.length, set.count());
    }

    @Test
    void addingTwiceCountsOnce() {
        FinishedIndexes set = new FinishedIndexes();
        assertTrue(set.add(5));
        assertFalse(set.add(5));
        assertEquals(1, set.count());
    }

    @Test
    void rejectsNegativeIndexes() {
        assertThrows(IllegalArgumentException.class, () -> new FinishedIndexes().add(-1));
        assertThrows(IllegalArgumentException.class, () -> new FinishedIndexes().contains(-1));
    }

    @Test
    void skippingKeepsTheOriginalIndexesOfUnfinishedRequests() {
        FinishedIndexes done = new FinishedIndexes();
        done.add(0);
        done.add(2);
        done.add(3);
        done.add(5);
        List<FetchRequest> input = LongStream.range(0, 7)
                .mapToObj(i -> FetchRequest.of(i, "http://h/" + i)).toList();
        List<String> left = new ArrayList<>();
        done.skipping(input.iterator()).forEachRemaining(r -> left.add(r.index() + "=" + r.url()));
        assertEquals(List.of("1=http://h/1", "4=http://h/4", "6=http://h/6"), left);
    }

    @Test
    void skippingEverythingYieldsNothing() {
        FinishedIndexes done = new FinishedIndexes();
        done.add(0);
        done.add(1);
        var it = done.skipping(List.of(FetchRequest.of(0, "a"), FetchRequest.of(1, "b")).iterator());
        assertFalse(it.hasNext());
        assertThrows(java.util.NoSuchElementException.class, it::next);
    }
}
