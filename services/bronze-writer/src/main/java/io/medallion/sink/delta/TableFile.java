package io.medallion.sink.delta;

import java.util.Map;

/** A data file of the table's current version. {@code path} is relative to the table root. */
public record TableFile(String path, Map<String, String> partitionValues, long sizeBytes, long modificationTime) {

    public TableFile {
        partitionValues = Map.copyOf(partitionValues);
    }
}
