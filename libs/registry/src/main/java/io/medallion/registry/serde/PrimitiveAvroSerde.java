package io.medallion.registry.serde;

import io.medallion.registry.client.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Map;

/**
 * Avro primitives as Confluent's serializer writes them: {@code String}, {@code Integer},
 * {@code Long}, {@code Float}, {@code Double}, {@code Boolean} and {@code byte[]} (raw, no
 * length prefix). Reads resolve to the type's schema, so Avro's promotions apply (an {@code int}
 * written is a {@code Long} read).
 */
public class PrimitiveAvroSerde<T> implements Serde<T> {

    private final TypedSerializer<T> serializer;
    private final TypedDeserializer<T> deserializer;

    public PrimitiveAvroSerde(Class<T> type) {
        this(type, null);
    }

    /** Uses the given client (not closed by {@link #close()}). */
    public PrimitiveAvroSerde(Class<T> type, SchemaRegistryClient client) {
        Schema schema = AvroSchemas.primitiveSchema(type);
        if (schema == null) {
            throw new IllegalArgumentException(type.getName() + " is not an Avro primitive: use String, Integer, Long, "
                    + "Float, Double, Boolean or byte[]");
        }
        this.serializer = new TypedSerializer<>(client == null ? new KafkaAvroSerializer() : new KafkaAvroSerializer(client));
        this.deserializer = new TypedDeserializer<>(client == null ? new KafkaAvroDeserializer()
                : new KafkaAvroDeserializer(client), type, schema);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }

    @Override
    public void close() {
        serializer.close();
        deserializer.close();
    }
}
