package io.medallion.registry.store;

import java.util.List;

/**
 * Where the registry's state survives a restart. {@link #replay()} is called before the first
 * {@link #append}, and again after an append failed (the record may have landed all the same);
 * an append returns only once the record is durable, so the registry applies a change only after
 * it is safe.
 */
public interface SchemaLog extends AutoCloseable {

    /** Keeps nothing: the state lives and dies with the process. */
    SchemaLog NONE = new SchemaLog() {
        @Override
        public List<LogRecord> replay() {
            return List.of();
        }

        @Override
        public void append(LogRecord record) {
        }

        @Override
        public void close() {
        }
    };

    /** Every record written so far, oldest first. */
    List<LogRecord> replay();

    /** Durably appends the record, or throws. */
    void append(LogRecord record);

    @Override
    void close();
}
