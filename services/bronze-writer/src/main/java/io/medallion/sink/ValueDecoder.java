package io.medallion.sink;

import org.apache.avro.generic.GenericRecord;

/** Decodes a Kafka value in the Confluent wire format into a record of its writer schema. */
@FunctionalInterface
public interface ValueDecoder extends AutoCloseable {

    /**
     * @throws RuntimeException when the bytes cannot be decoded (unknown schema id, corrupt Avro)
     */
    GenericRecord decode(String topic, byte[] value);

    @Override
    default void close() {
    }
}
