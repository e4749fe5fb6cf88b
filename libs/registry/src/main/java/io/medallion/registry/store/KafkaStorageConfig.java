package io.medallion.registry.store;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where {@link KafkaSchemaLog} keeps the registry: a single-partition compacted topic.
 *
 * @param clientProperties extra Kafka client settings (security, ...), applied to the admin,
 *                         producer and consumer alike
 * @param timeout          bound on start-up replay and on each durable append
 * @param replicationFactor for a topic created here; empty: min(3, brokers)
 */
public record KafkaStorageConfig(String bootstrapServers, String topic, Map<String, String> clientProperties,
                                 Duration timeout, Optional<Short> replicationFactor) {

    public static final String DEFAULT_TOPIC = "_schemas";

    public KafkaStorageConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topic, "topic");
        clientProperties = Map.copyOf(clientProperties);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(replicationFactor, "replicationFactor");
    }

    public static KafkaStorageConfig of(String bootstrapServers, String topic) {
        return new KafkaStorageConfig(bootstrapServers, topic, Map.of(), Duration.ofSeconds(60), Optional.empty());
    }
}
