package dev.salvo.cli.warc;

import java.util.Arrays;

/**
 * Whether bytes look already compressed, judged from how evenly their byte values are spread
 * (order-0 entropy), which costs about a nanosecond a byte against deflate's fifteen. Compressed
 * and encrypted data (gzip- or brotli-coded pages, JPEG, PNG, WOFF2, archives) measure close to 8
 * bits a byte; text and markup 4.5 to 6.5; a JPEG's first kilobytes, with their tables, about 7.4.
 * Deflate gains under 2% on the first kind. A wrong guess costs only size, never correctness: the
 * bytes are stored in the gzip member instead of compressed.
 *
 * <p>Not thread-safe: it reuses one table of counts.
 */
final class Entropy {

    /** Fewer bytes than this are not judged: deflating them costs little, and the estimate is poor. */
    static final int MIN_SAMPLE = 512;
    /** Most bytes looked at, taken from the middle of longer runs (away from file headers). */
    static final int MAX_SAMPLE = 4096;
    /**
     * Bits a byte at and above which bytes count as compressed, after the Miller-Madow correction
     * for the sample's size (a 1 KiB sample of random bytes measures 7.82 bits, corrected 8.0).
     * Measured on 1 KiB and 4 KiB samples: gzip, PNG and WOFF2 data 7.89-7.99, JPEG past its
     * header 7.95, a JPEG's header 7.55, HTML 5.0-5.3.
     */
    static final double COMPRESSED_BITS = 7.8;

    /** {@code c * log2(c)} for every count a sample can hold. */
    private static final double[] C_LOG_C = new double[MAX_SAMPLE + 1];

    static {
        for (int c = 1; c <= MAX_SAMPLE; c++) {
            C_LOG_C[c] = c * (Math.log(c) / Math.log(2));
        }
    }

    private final int[] counts = new int[256];

    /** True when {@code bytes[from, to)} look already compressed; false for short runs. */
    boolean looksCompressed(byte[] bytes, int from, int to) {
        int n = to - from;
        if (n < MIN_SAMPLE) {
            return false;
        }
        if (n > MAX_SAMPLE) {
            from += (n - MAX_SAMPLE) / 2;
            n = MAX_SAMPLE;
        }
        Arrays.fill(counts, 0);
        for (int i = from; i < from + n; i++) {
            counts[bytes[i] & 0xff]++;
        }
        double sum = 0;
        int distinct = 0;
        for (int count : counts) {
            if (count > 0) {
                sum += C_LOG_C[count];
                distinct++;
            }
        }
        double bits = C_LOG_C[n] / n - sum / n;
        double corrected = bits + (distinct - 1) / (2.0 * n * Math.log(2));
        return corrected >= COMPRESSED_BITS;
    }
}
