package io.medallion.registry.serde;

import org.apache.avro.Schema;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

import java.util.Map;

/**
 * A {@link KafkaAvroDeserializer} seen as a deserializer of one type: a message that decodes to
 * anything else is a {@link WireFormatException} ({@code SCHEMA_MISMATCH}), not a
 * {@code ClassCastException} somewhere downstream.
 */
final class TypedDeserializer<T> implements Deserializer<T> {

    private final KafkaAvroDeserializer inner;
    private final Class<T> type;
    /** Reader schema for every message, or null to let the deserializer choose. */
    private final Schema readerSchema;
    private boolean isKey;

    TypedDeserializer(KafkaAvroDeserializer inner, Class<T> type, Schema readerSchema) {
        this.inner = inner;
        this.type = type;
        this.readerSchema = readerSchema;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        inner.configure(configs, isKey);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return deserialize(topic, null, data);
    }

    @Override
    public T deserialize(String topic, Headers headers, byte[] data) {
        Object value = readerSchema == null ? inner.deserialize(topic, headers, data)
                : inner.deserialize(topic, headers, data, readerSchema);
        if (value == null || type.isInstance(value)) {
            return type.cast(value);
        }
        throw new WireFormatException(topic, isKey, WireFormatException.Reason.SCHEMA_MISMATCH,
                WireFormat.schemaId(topic, isKey, data), "the message holds a " + value.getClass().getName()
                + ", expected a " + type.getName(), null);
    }

    @Override
    public void close() {
        inner.close();
    }
}
