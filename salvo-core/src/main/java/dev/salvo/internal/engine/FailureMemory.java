package dev.salvo.internal.engine;

import java.util.Arrays;

/**
 * Hosts remembered only for their recent failures (a closed circuit counting towards its
 * threshold), held as primitives rather than objects: a run over millions of dead hosts holds
 * tens of thousands of these at a time and replaces them as fast as it connects, and as objects
 * each would outlive a young collection and die in the old generation, which a serial collector
 * grows rather than collects. Here an entry is a few array cells, reused in place.
 *
 * <p>Each entry holds a host's 64-bit key hash, its failure count and the time of its last
 * failure, and is ordered by when it may be forgotten (its deadline, ties broken by a sequence
 * number the caller gives, so the order never depends on layout). Two structures over the same
 * entries:
 * <ul>
 *   <li>an open-addressing table (linear probing, deletion by backward shift, so no tombstones)
 *       finds a host's entry by its hash;</li>
 *   <li>an indexed binary min-heap gives the entry with the nearest deadline, which is forgotten
 *       first, and lets any entry be removed in O(log n).</li>
 * </ul>
 * The arrays grow by doubling as entries are added (to keep the table at most three quarters
 * full) and never shrink; the caller bounds the number of entries (see {@link HostTable}), so
 * they stay bounded too: some 80 bytes an entry at the table's usual load of one half, against
 * some 230 for a host held as objects.
 *
 * <p>Two hosts whose keys hash alike share an entry: a host may then be taken for another that
 * failed recently. With 64-bit hashes and tens of thousands of entries the chance of that in a
 * run of ten million hosts is below one in ten million, and its effect is bounded: one circuit
 * starts with the other host's count of recent failures (fewer than its threshold), which expires
 * with the cool-down. See {@link #hash}.
 *
 * <p>Not thread-safe: confined to the engine thread, like {@link HostTable}.
 */
final class FailureMemory {

    /** No entry: the hash of every key is made non-zero by {@link #hash}. */
    private static final long EMPTY = 0;

    // The table, indexed by slot.
    private long[] hashes;
    private long[] lastFailureNanos;
    private int[] failures;
    /** Where each slot's entry sits in the heap. */
    private int[] heapIndex;
    private int mask;
    private int size;

    // The heap, indexed by position: the slot of each entry and its sort key.
    private int[] heapSlot;
    private long[] heapDeadline;
    private long[] heapSequence;

    FailureMemory() {
        allocate(64);
    }

    /**
     * A 64-bit hash of a host key: FNV-1a over its characters, then MurmurHash3's finaliser so
     * that every bit depends on every character; never {@link #EMPTY}.
     */
    static long hash(String key) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h = (h ^ key.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == EMPTY ? 1 : h;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The slot holding {@code hash}'s entry, or -1. */
    int find(long hash) {
        for (int slot = home(hash); hashes[slot] != EMPTY; slot = (slot + 1) & mask) {
            if (hashes[slot] == hash) {
                return slot;
            }
        }
        return -1;
    }

    int failures(int slot) {
        return failures[slot];
    }

    long lastFailureNanos(int slot) {
        return lastFailureNanos[slot];
    }

    /**
     * Remembers {@code hash}'s {@code failureCount} failures, the last at {@code lastFailure},
     * until {@code deadline}; replaces an entry already held under that hash.
     */
    void put(long hash, int failureCount, long lastFailure, long deadline, long sequence) {
        int existing = find(hash);
        if (existing >= 0) {
            remove(existing);
        }
        if (size + 1 > (mask + 1) / 4 * 3) {
            allocate(2 * (mask + 1));
        }
        int slot = home(hash);
        while (hashes[slot] != EMPTY) {
            slot = (slot + 1) & mask;
        }
        hashes[slot] = hash;
        failures[slot] = failureCount;
        lastFailureNanos[slot] = lastFailure;
        int at = size++;
        heapSlot[at] = slot;
        heapDeadline[at] = deadline;
        heapSequence[at] = sequence;
        heapIndex[slot] = at;
        siftUp(at);
    }

    /** Forgets the entry at {@code slot}. */
    void remove(int slot) {
        removeFromHeap(heapIndex[slot]);
        hashes[slot] = EMPTY;
        // Backward shift: pull later entries of the same probe run into the gap, so that every
        // entry stays reachable from its home slot without tombstones.
        int gap = slot;
        for (int next = (gap + 1) & mask; hashes[next] != EMPTY; next = (next + 1) & mask) {
            int home = home(hashes[next]);
            // The entry at next may move to gap unless its home lies cyclically in (gap, next].
            boolean homeBetween = gap <= next ? gap < home && home <= next : gap < home || home <= next;
            if (!homeBetween) {
                moveSlot(next, gap);
                gap = next;
            }
        }
    }

    /** The deadline of the entry forgotten first; {@link Long#MAX_VALUE} when empty. */
    long earliestDeadline() {
        return size == 0 ? Long.MAX_VALUE : heapDeadline[0];
    }

    /** The sequence number of the entry forgotten first; only when not empty. */
    long earliestSequence() {
        return heapSequence[0];
    }

    /** Forgets the entry with the nearest deadline; only when not empty. */
    void removeEarliest() {
        remove(heapSlot[0]);
    }

    /** Forgets every entry; keeps the arrays for reuse. */
    void clear() {
        Arrays.fill(hashes, EMPTY);
        size = 0;
    }

    private int home(long hash) {
        return (int) hash & mask;
    }

    private void moveSlot(int from, int to) {
        hashes[to] = hashes[from];
        failures[to] = failures[from];
        lastFailureNanos[to] = lastFailureNanos[from];
        heapIndex[to] = heapIndex[from];
        heapSlot[heapIndex[to]] = to;
        hashes[from] = EMPTY;
    }

    /** Replaces the arrays with ones of {@code capacity} slots (a power of two), re-adding every entry. */
    private void allocate(int capacity) {
        long[] oldHashes = hashes;
        long[] oldLast = lastFailureNanos;
        int[] oldFailures = failures;
        int[] oldHeapIndex = heapIndex;
        hashes = new long[capacity];
        lastFailureNanos = new long[capacity];
        failures = new int[capacity];
        heapIndex = new int[capacity];
        mask = capacity - 1;
        int heapCapacity = capacity / 4 * 3 + 1;
        heapSlot = heapSlot == null ? new int[heapCapacity] : Arrays.copyOf(heapSlot, heapCapacity);
        heapDeadline = heapDeadline == null ? new long[heapCapacity] : Arrays.copyOf(heapDeadline, heapCapacity);
        heapSequence = heapSequence == null ? new long[heapCapacity] : Arrays.copyOf(heapSequence, heapCapacity);
        if (oldHashes == null) {
            return;
        }
        for (int old = 0; old < oldHashes.length; old++) {
            if (oldHashes[old] == EMPTY) {
                continue;
            }
            int slot = home(oldHashes[old]);
            while (hashes[slot] != EMPTY) {
                slot = (slot + 1) & mask;
            }
            hashes[slot] = oldHashes[old];
            failures[slot] = oldFailures[old];
            lastFailureNanos[slot] = oldLast[old];
            heapIndex[slot] = oldHeapIndex[old];
            heapSlot[heapIndex[slot]] = slot;
        }
    }

    private void removeFromHeap(int at) {
        int last = --size;
        if (at != last) {
            setHeap(at, heapSlot[last], heapDeadline[last], heapSequence[last]);
            siftDown(at);
            siftUp(at);
        }
    }

    private boolean before(int a, int b) {
        long d = heapDeadline[a] - heapDeadline[b];   // deadlines are nano times: compare by difference
        return d != 0 ? d < 0 : heapSequence[a] < heapSequence[b];
    }

    private void siftUp(int at) {
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (!before(at, parent)) {
                return;
            }
            swap(at, parent);
            at = parent;
        }
    }

    private void siftDown(int at) {
        while (true) {
            int left = 2 * at + 1;
            if (left >= size) {
                return;
            }
            int least = left + 1 < size && before(left + 1, left) ? left + 1 : left;
            if (!before(least, at)) {
                return;
            }
            swap(at, least);
            at = least;
        }
    }

    private void swap(int a, int b) {
        int slotA = heapSlot[a];
        long deadlineA = heapDeadline[a];
        long sequenceA = heapSequence[a];
        setHeap(a, heapSlot[b], heapDeadline[b], heapSequence[b]);
        setHeap(b, slotA, deadlineA, sequenceA);
    }

    private void setHeap(int at, int slot, long deadline, long sequence) {
        heapSlot[at] = slot;
        heapDeadline[at] = deadline;
        heapSequence[at] = sequence;
        heapIndex[slot] = at;
    }
}
