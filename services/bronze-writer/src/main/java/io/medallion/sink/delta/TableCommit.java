package io.medallion.sink.delta;

import io.medallion.sink.schema.TableSchema;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one atomic commit holds: new data files, an optional schema change (the first commit of a
 * table always has one), the last Kafka offset per app id, and what {@code commitInfo} should
 * say about it.
 *
 * @param txnVersions app id ({@code <group>:<topic>:<partition>}) to the last offset this commit covers
 * @param info        commit description (service, version, offsets); values are plain text
 */
public record TableCommit(List<DataFile> files, Optional<TableSchema> newSchema, Map<String, Long> txnVersions,
                          Map<String, String> info) {

    public TableCommit {
        files = List.copyOf(files);
        txnVersions = Map.copyOf(txnVersions);
        info = Map.copyOf(info);
    }
}
