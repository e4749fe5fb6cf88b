package io.medallion.gold.app;

import io.medallion.avro.silver.WebEvent;
import io.medallion.common.config.ConfigException;
import io.medallion.common.topics.TopicNames;
import io.medallion.gold.GoldConfig;
import io.medallion.gold.serde.GoldSerdes;
import io.medallion.gold.topology.GoldTopics;
import io.medallion.registry.client.MockSchemaRegistry;
import io.medallion.runtime.AppProbe;
import io.medallion.runtime.ServiceSettings;
import io.medallion.testkit.kafka.EmbeddedKafkaBroker;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static io.medallion.gold.support.WebEvents.purchase;
import static io.medallion.gold.support.WebEvents.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * gold-kpi as a Micronaut application (HTTP server on a random port) against a broker of its
 * own: the service's topics have fixed names, which GoldServiceIT uses on the shared broker.
 */
class GoldApplicationIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private final String scope = "gold-app-it-" + UUID.randomUUID();
    private EmbeddedKafkaBroker kafka;
    private GoldTopics topics;

    @BeforeEach
    void startBroker() {
        kafka = EmbeddedKafkaBroker.builder().start();
        topics = GoldSerdes.topics(Map.of("schema.registry.url", "mock://" + scope));
    }

    @AfterEach
    void stopBroker() {
        topics.close();
        kafka.close();
        MockSchemaRegistry.dropScope(scope);
    }

    private Map<String, Object> properties(Path state) {
        Map<String, Object> p = new HashMap<>();
        p.put("micronaut.server.port", -1);
        p.put(GoldConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        p.put(GoldConfig.SCHEMA_REGISTRY_URL, "mock://" + scope);
        p.put(GoldConfig.APPLICATION_ID, "gold-app-it");
        p.put(GoldConfig.PARTITIONS, "2");
        p.put(GoldConfig.STATE_DIR, state.toString());
        return p;
    }

    @Test
    void notReadyUntilItsInputExistsThenCountsEventsAndClosesWindows(@TempDir Path state) throws Exception {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties(state))) {
            AppProbe app = new AppProbe(server.getURL());

            // gold-kpi waits for silver.web_events (silver-enricher creates it): alive, not ready.
            assertThat(app.readiness()).isEqualTo(503);
            assertThat(app.liveness()).isEqualTo(200);
            assertThat(app.get("/health").body()).contains("\"phase\":\"STARTING\"");

            kafka.createTopic(TopicNames.silver("web_events"), 1);
            await().atMost(WAIT).until(() -> app.readiness() == 200);
            assertThat(app.get("/health/readiness").body()).contains("\"state\":\"RUNNING\"");

            Instant w0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10));
            try (KafkaProducer<String, WebEvent> events = producer(topics.webEvents().keySerde().serializer(),
                    topics.webEvents().valueSerde().serializer());
                 KafkaProducer<byte[], Long> heartbeats = producer(topics.heartbeats().keySerde().serializer(),
                         topics.heartbeats().valueSerde().serializer())) {
                for (WebEvent e : new WebEvent[]{view("u1", w0.plusSeconds(1)), view("u2", w0.plusSeconds(2)),
                        purchase("u1", w0.plusSeconds(3), "9.99", 1)}) {
                    events.send(new ProducerRecord<>(topics.webEvents().name(), null, e.getTs().toEpochMilli(), e.getEventId(), e)).get();
                }
                await().atMost(WAIT).until(() -> app.metricOrZero("medallion_gold_events_counted_total") >= 3);

                Instant later = w0.plusSeconds(75);
                heartbeats.send(new ProducerRecord<>(topics.heartbeats().name(), null, later.toEpochMilli(), new byte[0],
                        later.toEpochMilli())).get();
                await().atMost(WAIT).until(() -> app.metricOrZero("medallion_gold_windows_emitted_total") >= 1);
            }

            String scrape = app.prometheus();
            assertThat(AppProbe.sum(scrape, "medallion_gold_window_close_delay_seconds_count").orElse(0)).isGreaterThanOrEqualTo(1);
            assertThat(scrape).contains("medallion_gold_late_events_total", "medallion_gold_dead_letters_total",
                    "kafka_stream_", "kafka_consumer_", "jvm_memory_used_bytes");
            assertThat(app.get("/health").body()).contains("\"windowsEmitted\":1");
        }
    }

    @Test
    void aBadSettingStopsTheStartNamingIt(@TempDir Path state) {
        assertThatThrownBy(() -> ApplicationContext.builder(properties(state))
                .propertySources(ServiceSettings.environmentVariables(Map.of("MEDALLION_GOLD_GRACE", "banana")))
                .run(EmbeddedServer.class))
                .hasStackTraceContaining("Invalid setting 'medallion.gold.grace'")
                .satisfies(e -> assertThat(rootConfigError(e).key()).isEqualTo(GoldConfig.GRACE));
    }

    static ConfigException rootConfigError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConfigException c) {
                return c;
            }
        }
        throw new AssertionError("no ConfigException in " + e, e);
    }

    private <K, V> KafkaProducer<K, V> producer(Serializer<K> keys, Serializer<V> values) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return new KafkaProducer<>(p, keys, values);
    }
}
