package io.medallion.bench.fleet.measure;

import java.util.Arrays;

/** A growable array of longs: millions of freshness samples without boxing. */
public final class LongList {

    private long[] values = new long[1024];
    private int size;

    public void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    public int size() {
        return size;
    }

    public long get(int i) {
        return values[i];
    }

    public long[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
