package dev.salvo;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The set of request indexes that already have a result, as a growable bitmap: one bit per index
 * up to the largest one added, so ten million indexes take 1.25 MB. Used to resume a run: build
 * it from what was written before, then fetch {@link #skipping} the input.
 *
 * <pre>{@code
 * FinishedIndexes done = new FinishedIndexes();
 * previousResults.forEach(r -> done.add(r.index()));
 * salvo.fetch(done.skipping(requests), sink);   // indexes are kept, so records still match the input
 * }</pre>
 *
 * <p>Not thread-safe: fill it, then read it, from one thread at a time.
 */
public final class FinishedIndexes {

    private long[] words;
    private long count;

    /** An empty set. */
    public FinishedIndexes() {
        this.words = new long[16];
    }

    /** Adds {@code index}; returns false when it was already there. */
    public boolean add(long index) {
        int word = wordOf(index);
        if (word >= words.length) {
            words = Arrays.copyOf(words, Math.max(word + 1, words.length * 2));
        }
        long bit = 1L << index;
        if ((words[word] & bit) != 0) {
            return false;
        }
        words[word] |= bit;
        count++;
        return true;
    }

    /** True when {@code index} was added. */
    public boolean contains(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, was " + index);
        }
        long word = index >>> 6;
        return word < words.length && (words[(int) word] & (1L << index)) != 0;
    }

    /** How many distinct indexes were added. */
    public long count() {
        return count;
    }

    /**
     * The requests of {@code requests} whose index is not in this set, read lazily, with their
     * indexes unchanged. The set must not change while the iterator is in use.
     */
    public Iterator<FetchRequest> skipping(Iterator<FetchRequest> requests) {
        return new Iterator<>() {
            private FetchRequest next;

            @Override
            public boolean hasNext() {
                while (next == null && requests.hasNext()) {
                    FetchRequest candidate = requests.next();
                    if (!contains(candidate.index())) {
                        next = candidate;
                    }
                }
                return next != null;
            }

            @Override
            public FetchRequest next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                FetchRequest request = next;
                next = null;
                return request;
            }
        };
    }

    private static int wordOf(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, was " + index);
        }
        long word = index >>> 6;
        if (word >= Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("index too large for the bitmap: " + index);
        }
        return (int) word;
    }
}
