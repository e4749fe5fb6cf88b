package io.medallion.common.lifecycle;

/**
 * A long-running service core, free of any framework: the local launcher drives it directly,
 * the Micronaut application wraps it. {@link #start()} returns once the service runs (or throws
 * at once on a bad setting or an unreachable dependency); {@link #close()} stops it cleanly
 * (flushes, commits, stores offsets) within a bounded time.
 */
public interface ManagedService extends AutoCloseable {

    /** Short stable name, e.g. {@code cdc-capture} or {@code bronze-writer[silver]}. */
    String name();

    void start();

    Health health();

    @Override
    void close();
}
