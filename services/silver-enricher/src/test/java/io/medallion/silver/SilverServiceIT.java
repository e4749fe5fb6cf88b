package io.medallion.silver;

import io.medallion.avro.common.DeadLetter;
import io.medallion.avro.silver.Product;
import io.medallion.avro.silver.QuarantineRecord;
import io.medallion.avro.silver.WebEvent;
import io.medallion.common.config.Settings;
import io.medallion.registry.client.MockSchemaRegistry;
import io.medallion.registry.serde.AvroSerdes;
import io.medallion.silver.fixtures.Cdc;
import io.medallion.silver.fixtures.Samples;
import io.medallion.silver.metrics.SilverCounters;
import io.medallion.testkit.SharedServers;
import io.medallion.testkit.kafka.EmbeddedKafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The service core on a real broker with exactly_once_v2: topics created, serdes from the
 * registry library, dead letters, deduplication state that survives a restart onto an empty
 * state directory (restored from its changelog), and a clean stop.
 */
class SilverServiceIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private final EmbeddedKafkaBroker broker = SharedServers.kafka();
    private final String scope = "silver-it-" + UUID.randomUUID();
    /**
     * Event time of the test's clickstream: recent, as in production. The dedup store's changelog
     * keeps records for the retention plus a day of record (event) time; fixture times from
     * long ago would be deleted by the broker and not come back after the restart.
     */
    private final Instant now = Instant.now();
    private final Map<String, Object> serdeConfig = Map.of("schema.registry.url", MockSchemaRegistry.MOCK_URL_PREFIX + scope);

    @AfterEach
    void dropScope() {
        MockSchemaRegistry.dropScope(scope);
    }

    private SilverConfig config(String applicationId, Path stateDir) {
        Map<String, String> m = new HashMap<>();
        m.put(SilverConfig.APPLICATION_ID, applicationId);
        m.put(SilverConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers());
        m.put(SilverConfig.SCHEMA_REGISTRY_URL, (String) serdeConfig.get("schema.registry.url"));
        m.put(SilverConfig.HMAC_KEY, "integration-test-hmac-key-0123456789abcdef");
        m.put(SilverConfig.STATE_DIR, stateDir.toString());
        m.put(SilverConfig.START_TIMEOUT, "90s");
        return SilverConfig.from(Settings.of(m));
    }

    @Test
    void processesExactlyOnceAndKeepsItsDeduplicationStateAcrossARestart(@TempDir Path firstState, @TempDir Path secondState) throws Exception {
        String app = "silver-it-" + UUID.randomUUID();
        SilverCounters counters;
        try (SilverService service = new SilverService(config(app, firstState), new SimpleMeterRegistry());
             KafkaProducer<byte[], byte[]> producer = producer()) {
            // A product already in silver from an earlier run: the lookup table loads it while starting.
            broker.createTopic("silver.products", 1);
            send(producer, "silver.products", AvroSerdes.primitive(Long.class, serdeConfig, true).serializer(), 1L,
                    AvroSerdes.specific(Product.class, serdeConfig, false).serializer(), product(1));
            service.start();
            assertThat(service.health().ready()).isTrue();

            for (long id = 1; id <= 40; id++) {
                sendWebEvent(producer, id, Samples.eventId(id), "page_view");
            }
            for (long id = 41; id <= 50; id++) {
                sendWebEvent(producer, id, Samples.eventId(id - 40), "page_view");
            }
            for (long id = 51; id <= 55; id++) {
                sendWebEvent(producer, id, Samples.eventId(id), "hover");
            }
            producer.send(new ProducerRecord<>("cdc.shop.web_events", new byte[] {0}, "poison".getBytes(StandardCharsets.UTF_8))).get();

            List<WebEvent> events = awaitRecords("silver.web_events", 40, WebEvent.class);
            assertThat(events).extracting(WebEvent::getId).containsExactlyInAnyOrderElementsOf(range(1, 40));
            assertThat(events).extracting(WebEvent::getProductCategory).containsOnly("tools");
            assertThat(awaitRecords("silver.quarantine", 5, QuarantineRecord.class))
                    .allSatisfy(q -> assertThat(q.getValidationErrors()).singleElement().asString().startsWith("event_type:"));
            assertThat(awaitRecords("silver.dead_letters", 1, DeadLetter.class).get(0).getFailureKind()).isEqualTo("deserialization");
            counters = service.counters();
            assertThat(service.health().live()).isTrue();
        }

        assertThat(counters.recordsIn()).containsEntry("cdc.shop.web_events", 55L);
        assertThat(counters.recordsOut()).containsEntry("silver.web_events", 40L).containsEntry("silver.quarantine", 5L);
        assertThat(counters.dedupHits()).containsEntry("web_events", 10L);
        assertThat(counters.deadLetters()).containsEntry("deserialization", 1L);

        // Restart on an empty state directory: the seen event ids come back from the changelog.
        SilverService again = new SilverService(config(app, secondState), new SimpleMeterRegistry());
        try (again; KafkaProducer<byte[], byte[]> producer = producer()) {
            again.start();
            for (long id = 56; id <= 60; id++) {
                sendWebEvent(producer, id, Samples.eventId(id - 55), "page_view");
            }
            sendWebEvent(producer, 61, Samples.eventId(61), "page_view");

            List<WebEvent> events = awaitRecords("silver.web_events", 41, WebEvent.class);
            assertThat(events).extracting(WebEvent::getEventId).doesNotHaveDuplicates();
            assertThat(events).extracting(WebEvent::getProductCategory).containsOnly("tools");
            assertThat(again.counters().dedupHits()).containsEntry("web_events", 5L);
            assertThat(again.health().state()).isEqualTo("RUNNING");
        }
        assertThat(again.health().live()).isFalse();
    }

    @Test
    void startFailsFastWhenKafkaIsUnreachable(@TempDir Path state) {
        Map<String, String> m = new HashMap<>();
        m.put(SilverConfig.STATE_DIR, state.toString());
        m.put(SilverConfig.BOOTSTRAP_SERVERS, "localhost:1");
        m.put(SilverConfig.SCHEMA_REGISTRY_URL, "mock://" + scope);
        m.put(SilverConfig.HMAC_KEY, "integration-test-hmac-key-0123456789abcdef");
        m.put(SilverConfig.START_TIMEOUT, "3s");
        SilverService service = SilverService.from(Settings.of(m), new SimpleMeterRegistry());

        assertThatThrownBy(service::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("localhost:1");
        service.close();
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

    private static Product product(long id) {
        return Product.newBuilder().setProductId(id).setSku("SKU-" + id).setName("Drill").setCategory("tools").setBrand("Acme")
                .setSupplierId(null).setUnitPrice(new BigDecimal("89.90")).setCurrency("EUR").setActive(true)
                .setCreatedAt(Samples.T0).setUpdatedAt(Samples.T0).setOp("r").setSourceLsn(1L).setSourceTs(Samples.T0)
                .setProcessingTs(Samples.T0).setWarnings(List.of()).build();
    }

    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Reads a topic from the start with read_committed until it holds {@code count} records, then checks no more follow. */
    private <V extends SpecificRecord> List<V> awaitRecords(String topic, int count, Class<V> type) {
        Deserializer<V> values = AvroSerdes.specific(type, serdeConfig, false).deserializer();
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<V> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (out.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(values.deserialize(topic, r.value()));
                }
            }
            // Give a straggler (a duplicate that slipped through) the chance to show up.
            for (int i = 0; i < 5; i++) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> out.add(values.deserialize(topic, r.value())));
            }
        }
        assertThat(out).as("records on " + topic).hasSize(count);
        return out;
    }

    private static List<Long> range(long from, long to) {
        List<Long> ids = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            ids.add(i);
        }
        return ids;
    }
}
