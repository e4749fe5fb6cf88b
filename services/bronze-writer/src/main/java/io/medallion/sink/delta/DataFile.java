package io.medallion.sink.delta;

import java.util.Map;

/**
 * A data file to add to a table.
 *
 * @param path             relative to the table root, e.g. {@code _ingestion_date=2024-05-01/part-....parquet}
 * @param partitionValues  partition column to its value as text ({@code yyyy-MM-dd} for dates)
 * @param sizeBytes        length of the file
 * @param modificationTime epoch ms
 * @param numRecords       rows in the file
 * @param statsJson        Delta statistics JSON (numRecords, minValues, maxValues, nullCount)
 */
public record DataFile(String path, Map<String, String> partitionValues, long sizeBytes, long modificationTime,
                       long numRecords, String statsJson) {

    public DataFile {
        partitionValues = Map.copyOf(partitionValues);
    }
}
