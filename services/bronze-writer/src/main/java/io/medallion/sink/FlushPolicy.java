package io.medallion.sink;

import java.time.Duration;

/**
 * When a table's buffer is written and committed: whichever bound is reached first.
 *
 * @param maxRecords rows buffered
 * @param maxBytes   serialized size of the buffered records (the Kafka value bytes), an
 *                   estimate of the memory and file size they take
 * @param maxLatency age of the oldest buffered record; bounds how stale the table can be
 */
public record FlushPolicy(int maxRecords, long maxBytes, Duration maxLatency) {

    public FlushPolicy {
        if (maxRecords < 1 || maxBytes < 1 || maxLatency.isNegative() || maxLatency.isZero()) {
            throw new IllegalArgumentException("flush bounds must be positive");
        }
    }

    /**
     * @param records   records in the buffer
     * @param bytes     their size
     * @param ageMillis age of the oldest, ms (ignored when the buffer is empty)
     */
    public boolean shouldFlush(long records, long bytes, long ageMillis) {
        if (records == 0) {
            return false;
        }
        return records >= maxRecords || bytes >= maxBytes || ageMillis >= maxLatency.toMillis();
    }
}
