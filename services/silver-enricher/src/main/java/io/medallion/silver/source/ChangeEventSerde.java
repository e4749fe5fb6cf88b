package io.medallion.silver.source;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Map;

/**
 * Value serde of the {@code cdc.shop.*} topics: decodes with a generic Avro deserializer and
 * keeps the raw bytes next to the decoded envelope. Anything that is not a change envelope
 * (not the wire format, an unknown schema id, a tombstone, a record of another shape) fails
 * here, as a {@link SerializationException}, so the deserialization handler dead-letters it.
 * Serializing writes the kept bytes back unchanged.
 */
public final class ChangeEventSerde implements Serde<ChangeEvent> {

    private final Deserializer<GenericRecord> avro;

    public ChangeEventSerde(Deserializer<GenericRecord> avro) {
        this.avro = avro;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // The wrapped deserializer arrives configured.
    }

    @Override
    public Serializer<ChangeEvent> serializer() {
        return (topic, event) -> event == null ? null : event.rawValue();
    }

    @Override
    public Deserializer<ChangeEvent> deserializer() {
        return new Deserializer<>() {
            @Override
            public ChangeEvent deserialize(String topic, byte[] data) {
                return deserialize(topic, null, data);
            }

            @Override
            public ChangeEvent deserialize(String topic, Headers headers, byte[] data) {
                if (data == null) {
                    throw new SerializationException("null value on " + topic
                            + ": change topics carry no tombstones (a delete is an envelope with op = d)");
                }
                GenericRecord decoded = headers == null ? avro.deserialize(topic, data) : avro.deserialize(topic, headers, data);
                if (decoded == null) {
                    throw new SerializationException("value on " + topic + " decoded to null");
                }
                try {
                    return ChangeEvent.of(decoded, data);
                } catch (IllegalArgumentException e) {
                    throw new SerializationException(e.getMessage() + " (topic " + topic + ")", e);
                }
            }
        };
    }

    @Override
    public void close() {
        avro.close();
    }
}
