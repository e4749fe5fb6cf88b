package io.medallion.sink.mapping;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns records of one value schema into rows of one table schema (values at that schema's
 * column positions). Not thread-safe: one per table writer.
 */
public interface RowProjector {

    /**
     * @throws RuntimeException when this record cannot be represented (a mapping failure)
     */
    Object[] project(GenericRecord value, ConsumerRecord<byte[], byte[]> record, int schemaId, BatchContext batch);

    /** When the change was committed at its source, epoch ms (for freshness); -1 if unknown. */
    long sourceTimeMillis(GenericRecord value, ConsumerRecord<byte[], byte[]> record);
}
