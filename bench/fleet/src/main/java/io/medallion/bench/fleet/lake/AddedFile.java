package io.medallion.bench.fleet.lake;

/**
 * An {@code add} action of the Delta log.
 *
 * @param path       relative to the table root, decoded
 * @param dataChange false for compaction rewrites (same rows, new files)
 * @param numRecords from the file statistics, -1 when absent
 */
public record AddedFile(String path, long size, long modificationTime, boolean dataChange, long numRecords) {
}
