package io.medallion.registry.store;

import io.medallion.registry.client.CompatibilityLevel;
import io.medallion.registry.client.ErrorCodes;
import io.medallion.registry.client.RegistryClientConfig;
import io.medallion.registry.client.SchemaRegistryClient;
import io.medallion.registry.client.SchemaRegistryClients;
import io.medallion.registry.client.SchemaRegistryException;
import io.medallion.registry.serde.AvroSerdes;
import io.medallion.registry.server.RegistryServer;
import io.medallion.registry.server.RegistryServerConfig;
import io.medallion.registry.testing.Payment;
import io.medallion.registry.testing.Payments;
import io.medallion.testkit.SharedServers;
import io.medallion.testkit.kafka.EmbeddedKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.medallion.registry.testing.TestSchemas.order;
import static io.medallion.registry.testing.TestSchemas.userV1;
import static io.medallion.registry.testing.TestSchemas.userV2;
import static io.medallion.registry.testing.TestSchemas.userWithRequiredAge;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry kept in a compacted topic on the shared in-process broker survives restarts. */
class KafkaSchemaStorageIT {

    private final EmbeddedKafkaBroker kafka = SharedServers.kafka();
    private final String topic = "_schemas-" + UUID.randomUUID();
    private final RegistryServerConfig config = RegistryServerConfig.inMemory()
            .withKafkaStorage(KafkaStorageConfig.of(kafka.bootstrapServers(), topic));

    private static SchemaRegistryClient client(RegistryServer server) {
        return SchemaRegistryClients.create(Map.of(RegistryClientConfig.URL, server.url().toString()));
    }

    @Test
    void schemasIdsLevelsAndDeletesSurviveARestart() throws Exception {
        int userV1Id;
        int userV2Id;
        int orderId;
        byte[] written;
        try (RegistryServer first = RegistryServer.start(config)) {
            SchemaRegistryClient client = client(first);
            userV1Id = client.register("users-value", userV1());
            userV2Id = client.register("users-value", userV2());
            orderId = client.register("orders-value", order());
            client.register("audit-value", userV1());
            client.deleteSubject("audit-value");
            client.setCompatibility("orders-value", CompatibilityLevel.NONE);
            client.setCompatibility(null, CompatibilityLevel.FULL);
            try (var serde = AvroSerdes.specific(Payment.class, Map.of(RegistryClientConfig.URL, first.url().toString()), false)) {
                written = serde.serializer().serialize("payments", Payments.specific());
            }
        }

        try (RegistryServer second = RegistryServer.start(config)) {
            SchemaRegistryClient client = client(second);
            assertThat(client.getSchemaById(userV1Id)).isEqualTo(userV1());
            assertThat(client.getSchemaById(orderId)).isEqualTo(order());
            assertThat(client.getLatestSchema("users-value").id()).isEqualTo(userV2Id);
            assertThat(client.getVersions("users-value")).containsExactly(1, 2);
            assertThat(client.getSubjects()).containsExactly("orders-value", "payments-value", "users-value");
            assertThat(client.getCompatibility("orders-value")).isEqualTo(CompatibilityLevel.NONE);
            assertThat(client.getCompatibility(null)).isEqualTo(CompatibilityLevel.FULL);

            // Same schema, same id; a new schema takes an id never used before.
            assertThat(client.register("users-value", userV1())).isEqualTo(userV1Id);
            int newId = client.register("orders-value", userWithRequiredAge());
            assertThat(newId).isGreaterThan(Math.max(Math.max(userV1Id, userV2Id), orderId));
            assertThatThrownBy(() -> client.register("users-value", userWithRequiredAge()))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCodes.INCOMPATIBLE_SCHEMA));

            try (var serde = AvroSerdes.specific(Payment.class, Map.of(RegistryClientConfig.URL, second.url().toString()), false)) {
                assertThat(serde.deserializer().deserialize("payments", written).getAmount()).isEqualTo(Payments.AMOUNT);
            }
        }

        Admin admin = kafka.admin();
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        assertThat(admin.describeConfigs(List.of(resource)).all().get().get(resource).get("cleanup.policy").value())
                .isEqualTo("compact");
        assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()).hasSize(1);
    }

    @Test
    void aTopicWrittenInConfluentsLayoutIsReadBack() throws Exception {
        kafka.createTopic(topic, 1, Map.of("cleanup.policy", "compact"));
        String schema = userV1().toString().replace("\"", "\\\"");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(topic, 0, "{\"keytype\":\"NOOP\",\"magic\":0}", null)).get();
            producer.send(new ProducerRecord<>(topic, 0, "{\"keytype\":\"SCHEMA\",\"subject\":\"legacy-value\",\"version\":1,\"magic\":1}",
                    "{\"subject\":\"legacy-value\",\"version\":1,\"id\":41,\"schema\":\"" + schema + "\",\"deleted\":false}")).get();
            producer.send(new ProducerRecord<>(topic, 0, "{\"keytype\":\"CONFIG\",\"subject\":\"legacy-value\",\"magic\":0}",
                    "{\"compatibilityLevel\":\"FORWARD\"}")).get();
        }
        try (RegistryServer server = RegistryServer.start(config)) {
            SchemaRegistryClient client = client(server);
            assertThat(client.getSchemaById(41)).isEqualTo(userV1());
            assertThat(client.getCompatibility("legacy-value")).isEqualTo(CompatibilityLevel.FORWARD);
            assertThat(client.register("fresh-value", order())).isEqualTo(42);
        }
    }

    @Test
    void aTopicWithSeveralPartitionsIsRefusedAtStart() {
        kafka.createTopic(topic, 3);
        assertThatThrownBy(() -> RegistryServer.start(config))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(topic).hasMessageContaining("exactly 1");
    }
}
