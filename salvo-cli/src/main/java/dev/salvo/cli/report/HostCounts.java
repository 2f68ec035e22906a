package dev.salvo.cli.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finished URLs per host, ok and failed, for the first {@code maxHosts} hosts seen; later hosts
 * are counted together under one name. Kept in arrays rather than a map of strings: a run over a
 * million hosts fills all 100,000 places, which as {@code HashMap<String, long[]>} entries took
 * some 15 MB of objects (a string, its bytes, the counts and the map entry for each host), and
 * here take some 7 MB, without an object per host.
 *
 * <p>The arrays come in fixed-size chunks that are added and never copied: whatever lives long
 * in a JVM ends in the old generation, where an array outgrown by copying would stay as garbage
 * (the launcher's serial collector expands that generation rather than collect it). Host names
 * are stored back to back in chunks of characters; an open-addressing table (linear probing) of
 * entry numbers finds a host by its name's hash, and is the one array that grows by copying
 * (some 1 MB in all). Nothing is ever removed.
 *
 * <p>Not thread-safe: {@link RunDetail} calls it under its lock.
 */
final class HostCounts {

    private static final int CHUNK_BITS = 12;
    private static final int CHUNK = 1 << CHUNK_BITS;   // entries per chunk
    private static final int NAME_CHUNK = 1 << 16;       // characters per chunk of names
    /** Longer names (no real host has one) are counted by their start, so one fits a chunk. */
    static final int MAX_NAME = 4_096;

    private final int maxHosts;
    private final String others;
    /** Entry number + 1 for each slot; 0 for an empty slot. */
    private int[] table = new int[64];
    // Per entry, in chunks: its name's hash; where its name is (chunk, offset, length); its counts.
    private int[][] hashes = new int[0][];
    private long[][] names = new long[0][];
    private long[][] ok = new long[0][];
    private long[][] failed = new long[0][];
    /** Under --adaptive: the host's in-flight limit as last reported; 0 when none. */
    private int[][] limits = new int[0][];
    private char[][] chars = new char[0][];
    /** Characters used in the last chunk of {@link #chars}. */
    private int charsUsed;
    private int size;

    /**
     * @param maxHosts most hosts counted apart
     * @param others   the name the hosts after those are counted under
     */
    HostCounts(int maxHosts, String others) {
        this.maxHosts = maxHosts;
        this.others = others;
    }

    /** Counts one finished URL of {@code host}. */
    void count(String host, boolean succeeded) {
        count(host, succeeded, 0);
    }

    /** Counts one finished URL of {@code host}, whose in-flight limit is {@code limit} (0: none known). */
    void count(String host, boolean succeeded, int limit) {
        if (host.length() > MAX_NAME) {
            host = host.substring(0, MAX_NAME);
        }
        int entry = find(host);
        if (entry < 0) {
            entry = size < maxHosts ? add(host) : othersEntry();
        }
        long[] counts = succeeded ? ok[entry >>> CHUNK_BITS] : failed[entry >>> CHUNK_BITS];
        counts[entry & (CHUNK - 1)]++;
        if (limit > 0) {
            limits[entry >>> CHUNK_BITS][entry & (CHUNK - 1)] = limit;
        }
    }

    /** Hosts counted apart, plus one for the others once any was counted. */
    int size() {
        return size;
    }

    /** Every host's counts, in no order. */
    List<RunDetail.HostOutcome> outcomes() {
        List<RunDetail.HostOutcome> outcomes = new ArrayList<>(size);
        for (int e = 0; e < size; e++) {
            int c = e >>> CHUNK_BITS;
            int i = e & (CHUNK - 1);
            outcomes.add(new RunDetail.HostOutcome(name(e), ok[c][i], failed[c][i], limits[c][i]));
        }
        return outcomes;
    }

    private int othersEntry() {
        int entry = find(others);
        return entry >= 0 ? entry : add(others);
    }

    /** The entry of {@code host}, or -1. */
    private int find(String host) {
        int hash = host.hashCode();
        int mask = table.length - 1;
        for (int slot = spread(hash) & mask; table[slot] != 0; slot = (slot + 1) & mask) {
            int entry = table[slot] - 1;
            if (hashes[entry >>> CHUNK_BITS][entry & (CHUNK - 1)] == hash && nameEquals(entry, host)) {
                return entry;
            }
        }
        return -1;
    }

    private int add(String host) {
        int entry = size++;
        int c = entry >>> CHUNK_BITS;
        if (c == hashes.length) {
            hashes = Arrays.copyOf(hashes, c + 1);
            names = Arrays.copyOf(names, c + 1);
            ok = Arrays.copyOf(ok, c + 1);
            failed = Arrays.copyOf(failed, c + 1);
            limits = Arrays.copyOf(limits, c + 1);
            hashes[c] = new int[CHUNK];
            names[c] = new long[CHUNK];
            ok[c] = new long[CHUNK];
            failed[c] = new long[CHUNK];
            limits[c] = new int[CHUNK];
        }
        int i = entry & (CHUNK - 1);
        hashes[c][i] = host.hashCode();
        names[c][i] = storeName(host);
        if (2 * size > table.length) {
            table = new int[2 * table.length];
            for (int e = 0; e < size; e++) {
                place(e);
            }
        } else {
            place(entry);
        }
        return entry;
    }

    /** Copies {@code host} into the name chunks; returns where it is: chunk, offset and length, 32, 16 and 16 bits. */
    private long storeName(String host) {
        int length = host.length();
        int last = chars.length - 1;
        if (last < 0 || charsUsed + length > chars[last].length) {
            chars = Arrays.copyOf(chars, chars.length + 1);
            chars[++last] = new char[NAME_CHUNK];
            charsUsed = 0;
        }
        host.getChars(0, length, chars[last], charsUsed);
        long at = (long) last << 32 | (long) charsUsed << 16 | length;
        charsUsed += length;
        return at;
    }

    private String name(int entry) {
        long at = names[entry >>> CHUNK_BITS][entry & (CHUNK - 1)];
        return new String(chars[(int) (at >>> 32)], (int) (at >>> 16) & 0xFFFF, (int) at & 0xFFFF);
    }

    private boolean nameEquals(int entry, String host) {
        long at = names[entry >>> CHUNK_BITS][entry & (CHUNK - 1)];
        if (((int) at & 0xFFFF) != host.length()) {
            return false;
        }
        char[] chunk = chars[(int) (at >>> 32)];
        int start = (int) (at >>> 16) & 0xFFFF;
        for (int i = 0; i < host.length(); i++) {
            if (chunk[start + i] != host.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void place(int entry) {
        int mask = table.length - 1;
        int slot = spread(hashes[entry >>> CHUNK_BITS][entry & (CHUNK - 1)]) & mask;
        while (table[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        table[slot] = entry + 1;
    }

    /** Mixes the hash's high bits into the low ones the table indexes by, as HashMap does. */
    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }
}
