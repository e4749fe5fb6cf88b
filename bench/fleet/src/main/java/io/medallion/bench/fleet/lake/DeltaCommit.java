package io.medallion.bench.fleet.lake;

import java.util.List;

/**
 * One version of a Delta table as its log entry tells it.
 *
 * @param timestampMs {@code commitInfo.timestamp} (the writer's clock at commit), else the log file's modification time
 * @param operation   {@code commitInfo.operation}, e.g. {@code WRITE}, {@code OPTIMIZE}; empty when absent
 */
public record DeltaCommit(long version, long timestampMs, String operation, List<AddedFile> adds, int removes) {

    public DeltaCommit {
        adds = List.copyOf(adds);
    }

    /** Rows this commit made visible for the first time (compaction rewrites excluded). */
    public long newRows() {
        return adds.stream().filter(AddedFile::dataChange).mapToLong(f -> Math.max(0, f.numRecords())).sum();
    }
}
