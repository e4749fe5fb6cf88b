package io.medallion.sink.delta;

import io.medallion.sink.schema.TableSchema;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * All the sink needs from a transactional table: the only door to the table format, so the
 * writer library behind it can change. Implementations are safe for one thread at a time;
 * several instances (in one or many processes) may write the same table concurrently.
 */
public interface LakehouseTable {

    /** Absolute location of the table root. */
    String location();

    /** The current schema, empty when the table does not exist yet. */
    Optional<TableSchema> schema();

    /** The latest version, -1 when the table does not exist yet. */
    long version();

    /** The last offset committed for an app id ({@code txn} action), empty if none. */
    OptionalLong committedOffset(String appId);

    /**
     * Commits atomically what {@code attempt} prepares, retrying on conflicts with concurrent
     * writers (each retry calls {@code attempt} again).
     *
     * @return the committed version, or empty when the attempt had nothing to commit
     * @throws CommitConflictException when conflicts persist past the retry limit
     */
    OptionalLong commit(CommitAttempt attempt);

    /** The data files of the current version. */
    List<TableFile> files();

    /**
     * Replaces files by files holding the same rows ({@code dataChange=false}: readers of the
     * change feed see nothing new). Fails if a removed file is no longer in the table.
     *
     * @return the committed version
     */
    long rewrite(List<TableFile> removed, List<DataFile> added, Map<String, String> info);

    /**
     * Deletes files in the table's directory that no version within {@code retention} references
     * and that are older than {@code retention} (orphans of interrupted writes included).
     */
    VacuumResult vacuum(Duration retention, Instant now);

    /** Writes a checkpoint of the current version. */
    void checkpoint();
}
