package io.medallion.sink;

/**
 * Points in the flush path where a test can inject a crash (throw an {@link Error}) to prove
 * that a failure at that moment loses and duplicates nothing. Production uses {@link #NONE}.
 */
public interface FlushHooks {

    FlushHooks NONE = new FlushHooks() {
    };

    /** Before the batch's Parquet file is written. */
    default void beforeWrite(String table) {
    }

    /** After the Parquet file is complete on storage, before the Delta commit. */
    default void afterFileWritten(String table, String fileUri) {
    }

    /** After the Delta commit, before Kafka offsets are committed (as a hint). */
    default void afterCommit(String table, long version) {
    }
}
