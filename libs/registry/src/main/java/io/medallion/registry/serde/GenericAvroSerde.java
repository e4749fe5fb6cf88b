package io.medallion.registry.serde;

import io.medallion.registry.client.SchemaRegistryClient;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Map;

/** Avro records without generated classes, in Confluent's wire format. */
public class GenericAvroSerde implements Serde<GenericRecord> {

    private final TypedSerializer<GenericRecord> serializer;
    private final TypedDeserializer<GenericRecord> deserializer;

    public GenericAvroSerde() {
        this(new KafkaAvroSerializer(), new KafkaAvroDeserializer());
    }

    /** Uses the given client (not closed by {@link #close()}). */
    public GenericAvroSerde(SchemaRegistryClient client) {
        this(new KafkaAvroSerializer(client), new KafkaAvroDeserializer(client));
    }

    private GenericAvroSerde(KafkaAvroSerializer serializer, KafkaAvroDeserializer deserializer) {
        this.serializer = new TypedSerializer<>(serializer);
        this.deserializer = new TypedDeserializer<>(deserializer, GenericRecord.class, null);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<GenericRecord> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<GenericRecord> deserializer() {
        return deserializer;
    }

    @Override
    public void close() {
        serializer.close();
        deserializer.close();
    }
}
