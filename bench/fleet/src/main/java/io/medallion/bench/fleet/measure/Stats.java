package io.medallion.bench.fleet.measure;

import java.util.Arrays;

/**
 * Nearest-rank percentiles of a sample (p50, p99, max) and its size. With few samples p99 is
 * the maximum, which the report says by printing the count next to it.
 */
public record Stats(long count, long p50, long p99, long max) {

    public static final Stats EMPTY = new Stats(0, 0, 0, 0);

    public static Stats of(long[] values) {
        if (values.length == 0) {
            return EMPTY;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Stats(sorted.length, rank(sorted, 0.50), rank(sorted, 0.99), sorted[sorted.length - 1]);
    }

    /** Nearest rank: the smallest value with at least {@code q} of the sample at or below it. */
    static long rank(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
