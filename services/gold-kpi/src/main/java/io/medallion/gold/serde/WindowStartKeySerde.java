package io.medallion.gold.serde;

import io.medallion.registry.client.SchemaRegistryClient;
import io.medallion.registry.client.SchemaRegistryClients;
import io.medallion.registry.serde.AvroSerdes;
import io.medallion.registry.serde.WireFormat;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

/**
 * The key of gold.kpi_1m: the window start as an Avro {@code long} with logical type
 * {@code timestamp-millis}, in the Confluent wire format under the topic's key subject. The
 * registry's primitive serde writes a bare {@code long}; this one registers the logical type so
 * consumers see the key is a time. Any Confluent deserializer reads it (as a long, or as a time
 * with logical-type conversion on); reading goes through the registry's primitive serde.
 */
public final class WindowStartKeySerde implements Serde<Long> {

    static final Schema SCHEMA = LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));

    private final Serializer<Long> serializer;
    private final Deserializer<Long> deserializer;

    public WindowStartKeySerde(Map<String, ?> registryConfig) {
        this.serializer = new KeySerializer(SchemaRegistryClients.create(registryConfig));
        this.deserializer = AvroSerdes.primitive(Long.class, registryConfig, true).deserializer();
    }

    @Override
    public Serializer<Long> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<Long> deserializer() {
        return deserializer;
    }

    private static final class KeySerializer implements Serializer<Long> {
        private final SchemaRegistryClient registry;
        private volatile String registeredTopic;
        private volatile int schemaId;

        KeySerializer(SchemaRegistryClient registry) {
            this.registry = registry;
        }

        @Override
        public byte[] serialize(String topic, Long windowStartMs) {
            if (windowStartMs == null) {
                return null;
            }
            int id = schemaId(topic);
            ByteArrayOutputStream out = new ByteArrayOutputStream(WireFormat.HEADER_SIZE + 10);
            try {
                out.write(new byte[WireFormat.HEADER_SIZE]);
                BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
                encoder.writeLong(windowStartMs);
                encoder.flush();
            } catch (IOException e) {
                throw new SerializationException("cannot encode the window start key of " + topic, e);
            }
            byte[] bytes = out.toByteArray();
            WireFormat.writeHeader(bytes, 0, id);
            return bytes;
        }

        /** Registered once per topic (TopicNameStrategy: {@code <topic>-key}); ids never change. */
        private int schemaId(String topic) {
            if (!topic.equals(registeredTopic)) {
                try {
                    schemaId = registry.register(topic + "-key", SCHEMA);
                } catch (RuntimeException e) {
                    throw new SerializationException("cannot register the key schema of " + topic + ": " + e.getMessage(), e);
                }
                registeredTopic = topic;
            }
            return schemaId;
        }

        @Override
        public void close() {
            registry.close();
        }
    }
}
