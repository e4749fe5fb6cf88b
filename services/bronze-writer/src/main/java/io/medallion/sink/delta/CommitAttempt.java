package io.medallion.sink.delta;

import io.medallion.sink.schema.TableSchema;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Builds a commit from what the table says inside the transaction. A table calls it once per
 * attempt: after a conflict it calls it again with fresh values, so a writer that lost a race
 * (or a zombie after a rebalance) sees the offsets another writer committed and leaves those
 * records out instead of writing them twice.
 */
@FunctionalInterface
public interface CommitAttempt {

    /**
     * @param committedOffsets the table's last committed offset per app id, read inside the
     *                         transaction (so a concurrent commit of the same app id is a conflict)
     * @param schema           the table's schema as of the transaction, empty for a new table
     * @return the commit, or empty when nothing is left to commit
     */
    Optional<TableCommit> prepare(Function<String, OptionalLong> committedOffsets, Optional<TableSchema> schema);
}
