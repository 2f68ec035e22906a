package dev.salvo.cli.parquet;

import dev.salvo.FinishedIndexes;

import java.util.Arrays;

/**
 * The input indexes a part holds, kept in its footer as text so that {@code --resume} learns them
 * from the footer alone: sorted, as ranges ({@code 0-999,1001,1003-2000}). Results come in nearly
 * ascending order, so a part of a million records needs a few ranges. Not thread-safe.
 */
final class IndexRanges {

    /** The footer key holding a part's index ranges. */
    static final String KEY = "salvo.indexes";

    private long[] indexes = new long[1024];
    private int count;

    void add(long index) {
        if (count == indexes.length) {
            indexes = Arrays.copyOf(indexes, count * 2);
        }
        indexes[count++] = index;
    }

    int count() {
        return count;
    }

    /** The ranges as text. */
    String encode() {
        long[] sorted = Arrays.copyOf(indexes, count);
        Arrays.sort(sorted);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < sorted.length) {
            int j = i;
            while (j + 1 < sorted.length && sorted[j + 1] <= sorted[j] + 1) {
                j++;
            }
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(sorted[i]);
            if (sorted[j] != sorted[i]) {
                out.append('-').append(sorted[j]);
            }
            i = j + 1;
        }
        return out.toString();
    }

    /**
     * Adds the indexes of {@code ranges} to {@code into} and returns how many there were.
     *
     * @throws IllegalArgumentException when {@code ranges} is not in the form {@link #encode} writes
     */
    static long decode(String ranges, FinishedIndexes into) {
        long total = 0;
        if (ranges.isEmpty()) {
            return 0;
        }
        for (String range : ranges.split(",")) {
            int dash = range.indexOf('-');
            long from = Long.parseLong(dash < 0 ? range : range.substring(0, dash));
            long to = dash < 0 ? from : Long.parseLong(range.substring(dash + 1));
            if (from < 0 || to < from) {
                throw new IllegalArgumentException("bad index range " + range);
            }
            for (long index = from; index <= to; index++) {
                into.add(index);
            }
            total += to - from + 1;
        }
        return total;
    }
}
