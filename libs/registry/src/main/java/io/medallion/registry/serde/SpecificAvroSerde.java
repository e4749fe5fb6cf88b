package io.medallion.registry.serde;

import io.medallion.registry.client.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.util.HashMap;
import java.util.Map;

/**
 * Generated Avro classes in Confluent's wire format. Given the class, every message is read into
 * it, resolving from whatever schema wrote it; without a class (Confluent's way) the class is
 * found from the writer schema's name. {@code specific.avro.reader} is always on.
 */
public class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final TypedSerializer<T> serializer;
    private final TypedDeserializer<T> deserializer;

    /** Reads into the class named by each message's writer schema. */
    @SuppressWarnings("unchecked")
    public SpecificAvroSerde() {
        this((Class<T>) (Class<?>) SpecificRecord.class, null);
    }

    public SpecificAvroSerde(Class<T> type) {
        this(type, null);
    }

    /** Uses the given client (not closed by {@link #close()}). */
    public SpecificAvroSerde(Class<T> type, SchemaRegistryClient client) {
        KafkaAvroDeserializer inner = client == null ? new KafkaAvroDeserializer() : new KafkaAvroDeserializer(client);
        if (type != SpecificRecord.class) {
            inner.readingInto(type);
        }
        this.serializer = new TypedSerializer<>(client == null ? new KafkaAvroSerializer() : new KafkaAvroSerializer(client));
        this.deserializer = new TypedDeserializer<>(inner, type, null);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Map<String, Object> specific = new HashMap<>(configs);
        specific.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, "true");
        serializer.configure(specific, isKey);
        deserializer.configure(specific, isKey);
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
