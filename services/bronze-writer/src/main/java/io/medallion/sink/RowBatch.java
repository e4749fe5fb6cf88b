package io.medallion.sink;

import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The rows of one table between two commits: each row's Kafka coordinates and source time, the
 * rows themselves only when retained, and the last offset consumed per partition (which may be
 * past the last row: records that went to the dead-letter table still advance the partition).
 *
 * <p>Data tables do not retain rows (they are streamed into the batch's file as they come, and
 * holding them would cost about ten times the records' size in heap); the dead-letter table
 * does, so it can leave out at commit time what an earlier, crashed run already wrote.
 */
final class RowBatch {

    private final boolean retainRows;
    private final List<Object[]> rows = new ArrayList<>();
    private int rowCount;
    private long[] offsets = new long[1024];
    private int[] partitionIndex = new int[1024];
    private long[] sourceTimes = new long[1024];
    private final List<TopicPartition> partitions = new ArrayList<>();
    private final List<Long> firstOffsets = new ArrayList<>();
    private final Map<TopicPartition, Integer> partitionIds = new HashMap<>();
    private final Map<TopicPartition, Long> lastConsumed = new LinkedHashMap<>();
    private long consumed;
    private long bytes;
    /** Volatile: the health check reads it from another thread ({@link #openedAtMillis()}). */
    private volatile long openedAtMillis = -1;

    RowBatch(boolean retainRows) {
        this.retainRows = retainRows;
    }

    void add(Object[] row, TopicPartition tp, long offset, long sourceTimeMillis) {
        int n = rowCount;
        if (n == offsets.length) {
            offsets = Arrays.copyOf(offsets, n * 2);
            partitionIndex = Arrays.copyOf(partitionIndex, n * 2);
            sourceTimes = Arrays.copyOf(sourceTimes, n * 2);
        }
        if (retainRows) {
            rows.add(row);
        }
        rowCount++;
        offsets[n] = offset;
        partitionIndex[n] = partitionIds.computeIfAbsent(tp, k -> {
            partitions.add(k);
            firstOffsets.add(offset);
            return partitions.size() - 1;
        });
        sourceTimes[n] = sourceTimeMillis;
    }

    /** A record of {@code tp} was consumed (whether or not it became a row here). */
    void consumed(TopicPartition tp, long offset, long sizeBytes, long nowMillis) {
        if (openedAtMillis < 0) {
            openedAtMillis = nowMillis;
        }
        lastConsumed.merge(tp, offset, Math::max);
        consumed++;
        bytes += sizeBytes;
    }

    boolean isEmpty() {
        return consumed == 0;
    }

    long consumedCount() {
        return consumed;
    }

    long bytes() {
        return bytes;
    }

    long ageMillis(long nowMillis) {
        return openedAtMillis < 0 ? 0 : nowMillis - openedAtMillis;
    }

    /** When the first record of this batch was consumed, -1 while it is empty. */
    long openedAtMillis() {
        return openedAtMillis;
    }

    int rowCount() {
        return rowCount;
    }

    /** Whether {@code committed} already holds a row of this batch (another writer got there first). */
    boolean overlaps(ToLongFunction<TopicPartition> committed) {
        for (int i = 0; i < partitions.size(); i++) {
            if (committed.applyAsLong(partitions.get(i)) >= firstOffsets.get(i)) {
                return true;
            }
        }
        return false;
    }

    /** Whether any row came from one of these partitions. */
    boolean hasRowsOf(Collection<TopicPartition> some) {
        return some.stream().anyMatch(partitionIds::containsKey);
    }

    Map<TopicPartition, Long> lastConsumed() {
        return lastConsumed;
    }

    /** Retained rows whose offset is past what {@code committed} says their partition already holds. */
    List<Object[]> rowsAfter(ToLongFunction<TopicPartition> committed) {
        if (!retainRows) {
            throw new IllegalStateException("rows are not retained");
        }
        long[] floor = new long[partitions.size()];
        boolean all = true;
        for (int i = 0; i < floor.length; i++) {
            floor[i] = committed.applyAsLong(partitions.get(i));
            all &= floor[i] < firstOffsets.get(i);
        }
        if (all) {
            return rows;
        }
        List<Object[]> out = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            if (offsets[r] > floor[partitionIndex[r]]) {
                out.add(rows.get(r));
            }
        }
        return out;
    }

    /** Source commit times of the rows past {@code committed}, as {@link #rowsAfter} selects them. */
    long[] sourceTimesAfter(ToLongFunction<TopicPartition> committed) {
        long[] out = new long[rowCount];
        int k = 0;
        for (int r = 0; r < rowCount; r++) {
            if (offsets[r] > committed.applyAsLong(partitions.get(partitionIndex[r]))) {
                out[k++] = sourceTimes[r];
            }
        }
        return Arrays.copyOf(out, k);
    }

    /** Rewrites every row for a new column layout: {@code positions[i]} is the new index of old column i. */
    void relayout(int[] positions, int width) {
        for (int r = 0; r < rows.size(); r++) {
            Object[] old = rows.get(r);
            Object[] row = new Object[width];
            for (int i = 0; i < old.length; i++) {
                row[positions[i]] = old[i];
            }
            rows.set(r, row);
        }
    }

    /** Forgets everything of these partitions (they were revoked or lost). Needs retained rows if they have rows here. */
    void drop(Collection<TopicPartition> gone) {
        if (hasRowsOf(gone)) {
            if (!retainRows) {
                throw new IllegalStateException("rows are not retained");
            }
            RowBatch kept = new RowBatch(true);
            for (int r = 0; r < rows.size(); r++) {
                TopicPartition tp = partitions.get(partitionIndex[r]);
                if (!gone.contains(tp)) {
                    kept.add(rows.get(r), tp, offsets[r], sourceTimes[r]);
                }
            }
            rows.clear();
            rowCount = 0;
            partitions.clear();
            firstOffsets.clear();
            partitionIds.clear();
            for (int r = 0; r < kept.rows.size(); r++) {
                add(kept.rows.get(r), kept.partitions.get(kept.partitionIndex[r]), kept.offsets[r], kept.sourceTimes[r]);
            }
        }
        gone.forEach(lastConsumed::remove);
        if (lastConsumed.isEmpty()) {
            clear();
        }
    }

    void clear() {
        rows.clear();
        rowCount = 0;
        partitions.clear();
        firstOffsets.clear();
        partitionIds.clear();
        lastConsumed.clear();
        consumed = 0;
        bytes = 0;
        openedAtMillis = -1;
    }
}
