package io.medallion.silver.app;

import io.medallion.common.config.ConfigException;
import io.medallion.registry.client.MockSchemaRegistry;
import io.medallion.registry.serde.AvroSerdes;
import io.medallion.runtime.AppProbe;
import io.medallion.runtime.ServiceSettings;
import io.medallion.silver.RegistrySerdes;
import io.medallion.silver.SilverConfig;
import io.medallion.silver.entity.Entities;
import io.medallion.silver.fixtures.Cdc;
import io.medallion.silver.fixtures.Samples;
import io.medallion.silver.topology.SilverTopics;
import io.medallion.testkit.kafka.EmbeddedKafkaBroker;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * silver-enricher as a Micronaut application (HTTP server on a random port) against a broker of
 * its own: its topics have fixed names, which SilverServiceIT uses on the shared broker.
 */
class SilverApplicationIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private final String scope = "silver-app-it-" + UUID.randomUUID();
    private final Map<String, Object> serdeConfig = Map.of("schema.registry.url", "mock://" + scope);
    private final Instant now = Instant.now();
    private EmbeddedKafkaBroker kafka;

    @BeforeEach
    void startBroker() {
        kafka = EmbeddedKafkaBroker.builder().start();
    }

    @AfterEach
    void stopBroker() {
        kafka.close();
        MockSchemaRegistry.dropScope(scope);
    }

    private Map<String, Object> properties(Path state) {
        Map<String, Object> p = new HashMap<>();
        p.put("micronaut.server.port", -1);
        p.put(SilverConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        p.put(SilverConfig.SCHEMA_REGISTRY_URL, "mock://" + scope);
        p.put(SilverConfig.APPLICATION_ID, "silver-app-it");
        p.put(SilverConfig.STATE_DIR, state.toString());
        return p;
    }

    @Test
    void notReadyWhileKafkaIsAwayThenReadyAndCounting(@TempDir Path state, @TempDir Path secrets) throws Exception {
        SilverTopics topics = SilverTopics.create(new Entities(Duration.ofMinutes(5)), new RegistrySerdes(serdeConfig));
        kafka.createTopics(topics.allNames().stream().distinct().map(t -> new NewTopic(t, 1, (short) 1)).toList());
        Path key = Files.writeString(secrets.resolve("hmac-key"), "application-it-hmac-key-0123456789abcdef\n");
        Map<String, Object> properties = properties(state);
        properties.put(SilverConfig.TOPICS_CREATE_MISSING, "false");
        kafka.stop();

        try (EmbeddedServer server = ApplicationContext.builder(properties)
                .propertySources(ServiceSettings.environmentVariables(Map.of("MEDALLION_SILVER_PII_HMAC_KEY_FILE", key.toString())))
                .run(EmbeddedServer.class)) {
            AppProbe app = new AppProbe(server.getURL());

            // Streams cannot join its group without a broker: alive (a restart would not help), not ready.
            assertThat(app.readiness()).isEqualTo(503);
            assertThat(app.liveness()).isEqualTo(200);

            kafka.start();
            await().atMost(WAIT).until(() -> app.readiness() == 200);
            assertThat(app.get("/health/readiness").body()).contains("\"streams\":\"RUNNING\"");

            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
                for (long id = 1; id <= 5; id++) {
                    sendWebEvent(producer, id, Samples.eventId(id), "page_view");
                }
                sendWebEvent(producer, 6, Samples.eventId(1), "page_view");
                sendWebEvent(producer, 7, Samples.eventId(7), "hover");
            }

            await().atMost(WAIT).until(() -> app.metricOrZero("medallion_silver_records_out_total", "topic", "silver.web_events") >= 5
                    && app.metricOrZero("medallion_silver_quarantined_total", "entity", "web_events") >= 1
                    && app.metricOrZero("medallion_silver_dedup_hits_total", "entity", "web_events") >= 1);
            String scrape = app.prometheus();
            assertThat(AppProbe.sum(scrape, "medallion_silver_records_in_total", "topic", "cdc.shop.web_events").orElse(0))
                    .isGreaterThanOrEqualTo(7);
            assertThat(scrape).contains("kafka_stream_", "kafka_consumer_", "jvm_gc_");
        }
    }

    @Test
    void withoutAPiiKeyItRefusesToStartNamingTheSetting(@TempDir Path state) {
        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, properties(state)))
                .hasStackTraceContaining("Invalid setting 'medallion.silver.pii.hmac-key'")
                .satisfies(e -> assertThat(configError(e).key()).isEqualTo(SilverConfig.HMAC_KEY));
    }

    @Test
    void aBadSettingFromTheEnvironmentStopsTheStartNamingIt(@TempDir Path state) {
        assertThatThrownBy(() -> ApplicationContext.builder(properties(state))
                .propertySources(ServiceSettings.environmentVariables(Map.of("MEDALLION_PROFILE", "local",
                        "MEDALLION_SILVER_DEDUP_RETENTION", "forever")))
                .run(EmbeddedServer.class))
                .satisfies(e -> assertThat(configError(e).key()).isEqualTo(SilverConfig.DEDUP_RETENTION));
    }

    private static ConfigException configError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConfigException c) {
                return c;
            }
        }
        throw new AssertionError("no ConfigException in " + e, e);
    }

    private void sendWebEvent(KafkaProducer<byte[], byte[]> producer, long id, String eventId, String type) throws Exception {
        Map<String, Object> row = Samples.row("web_events", id);
        row.put("event_id", eventId);
        row.put("event_type", type);
        row.put("ts", now);
        GenericRecord envelope = Cdc.insert("web_events", Cdc.row("web_events", row), 10_000 + id, now.plusSeconds(1));
        send(producer, "cdc.shop.web_events", AvroSerdes.generic(serdeConfig, true).serializer(), Cdc.key("web_events", id),
                AvroSerdes.generic(serdeConfig, false).serializer(), envelope);
    }

    private static <K, V> void send(KafkaProducer<byte[], byte[]> producer, String topic, Serializer<K> keys, K key,
                                    Serializer<V> values, V value) throws Exception {
        producer.send(new ProducerRecord<>(topic, keys.serialize(topic, key), values.serialize(topic, value))).get();
    }
}
