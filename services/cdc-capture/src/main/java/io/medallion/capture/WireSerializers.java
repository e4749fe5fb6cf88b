package io.medallion.capture;

import io.medallion.common.config.ConfigException;
import io.medallion.registry.client.SchemaRegistryClient;
import io.medallion.registry.client.SchemaRegistryClients;
import io.medallion.registry.client.SchemaRegistryException;
import io.medallion.registry.serde.KafkaAvroSerializer;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Map;

/**
 * The project's Confluent-wire-format serializers for keys and values, sharing one registry
 * client. Schemas are auto-registered under TopicNameStrategy subjects ({@code <topic>-key},
 * {@code <topic>-value}); the serializer caches ids per topic and schema, so a table's schema
 * is registered once per version.
 */
final class WireSerializers implements AutoCloseable {

    private final SchemaRegistryClient client;
    private final KafkaAvroSerializer keys;
    private final KafkaAvroSerializer values;

    private WireSerializers(SchemaRegistryClient client, KafkaAvroSerializer keys, KafkaAvroSerializer values) {
        this.client = client;
        this.keys = keys;
        this.values = values;
    }

    /** Connects to the registry and checks that it answers; a failure names the registry URL setting. */
    static WireSerializers connect(CaptureConfig config) {
        Map<String, Object> serde = Map.of("schema.registry.url", config.registryUrl().toString(),
                "auto.register.schemas", true);
        SchemaRegistryClient client = SchemaRegistryClients.create(serde);
        try {
            client.getSubjects();
        } catch (SchemaRegistryException e) {
            client.close();
            throw new ConfigException(CaptureConfig.REGISTRY_URL, "the schema registry at " + config.registryUrl()
                    + " does not answer: " + e.getMessage(), e);
        }
        KafkaAvroSerializer keys = new KafkaAvroSerializer(client);
        keys.configure(serde, true);
        KafkaAvroSerializer values = new KafkaAvroSerializer(client);
        values.configure(serde, false);
        return new WireSerializers(client, keys, values);
    }

    Serializer<Object> keys() {
        return keys;
    }

    Serializer<Object> values() {
        return values;
    }

    @Override
    public void close() {
        client.close();
    }
}
