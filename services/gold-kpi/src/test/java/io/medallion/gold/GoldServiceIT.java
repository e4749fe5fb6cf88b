package io.medallion.gold;

import io.medallion.avro.common.DeadLetter;
import io.medallion.avro.gold.Kpi1m;
import io.medallion.avro.gold.LateEvent;
import io.medallion.avro.silver.WebEvent;
import io.medallion.common.config.Settings;
import io.medallion.common.topics.TopicNames;
import io.medallion.gold.serde.GoldSerdes;
import io.medallion.gold.topology.GoldTopics;
import io.medallion.gold.topology.Topic;
import io.medallion.registry.client.MockSchemaRegistry;
import io.medallion.testkit.LocalResources;
import io.medallion.testkit.SharedServers;
import io.medallion.testkit.kafka.EmbeddedKafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.medallion.gold.support.WebEvents.purchase;
import static io.medallion.gold.support.WebEvents.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * gold-kpi on a real broker with exactly_once_v2: windows emitted exactly once across a restart
 * that loses the local state (restored from the changelogs), late events and dead letters.
 */
class GoldServiceIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final EmbeddedKafkaBroker kafka = SharedServers.kafka();
    private final String scope = "gold-it-" + UUID.randomUUID();
    private final Map<String, Object> registry = Map.of("schema.registry.url", "mock://" + scope);
    private final GoldTopics topics = GoldSerdes.topics(registry);
    private final List<Path> stateDirs = new ArrayList<>();
    private final List<Kpi1m> heard = new CopyOnWriteArrayList<>();
    private GoldService service;

    @AfterEach
    void tearDown() {
        if (service != null) {
            service.close();
        }
        topics.close();
        MockSchemaRegistry.dropScope(scope);
        stateDirs.forEach(LocalResources::deleteRecursively);
    }

    private GoldService start() throws Exception {
        Path stateDir = Files.createTempDirectory("gold-it-state-");
        stateDirs.add(stateDir);
        GoldConfig config = GoldConfig.from(Settings.of(Map.of(
                GoldConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
                GoldConfig.SCHEMA_REGISTRY_URL, "mock://" + scope,
                GoldConfig.APPLICATION_ID, "gold-it",
                GoldConfig.PARTITIONS, "3",
                GoldConfig.STATE_DIR, stateDir.toString())));
        GoldService started = new GoldService(config, new SimpleMeterRegistry(), heard::add);
        started.start();
        return started;
    }

    @Test
    void emitsEachWindowOnceAcrossARestartKeepsLateEventsAndDeadLettersGarbage() throws Exception {
        kafka.createTopic(TopicNames.silver("web_events"), 2);
        Instant w0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(30));
        Instant w1 = w0.plusSeconds(60);

        service = start();
        assertThat(service.health().ready()).isTrue();
        try (KafkaProducer<String, WebEvent> events = producer(topics.webEvents().keySerde().serializer(),
                topics.webEvents().valueSerde().serializer());
             KafkaProducer<byte[], Long> heartbeats = producer(new ByteArraySerializer(), topics.heartbeats().valueSerde().serializer())) {
            send(events, view("user-1", w0.plusSeconds(1)), view("user-3", w0.plusSeconds(2)),
                    purchase("user-5", w0.plusSeconds(3), "19.99", 2), view("user-6", w0.plusSeconds(4)));
            send(events, view("user-7", w1.plusSeconds(5)));
            events.flush();
            // Events of both silver partitions are in before the clock jumps: a heartbeat
            // overtaking a lagging partition would make its events late, as it should.
            awaitCounted(5);
            heartbeat(heartbeats, w0.plusSeconds(75));
            await().atMost(WAIT).until(() -> readKpis().size() == 1);

            service.close();
            service = start();
            WebEvent late = view("user-8", w0.plusSeconds(30));
            send(events, late, purchase("user-7", w1.plusSeconds(6), "1.00", 1), view("user-9", w1.plusSeconds(7)));
            events.flush();
            try (KafkaProducer<byte[], byte[]> raw = producer(new ByteArraySerializer(), new ByteArraySerializer())) {
                raw.send(new ProducerRecord<>(topics.webEvents().name(), new byte[]{1}, new byte[]{0, 0, 0, 0, 42, 7})).get();
            }
            awaitCounted(2);
            heartbeat(heartbeats, w1.plusSeconds(75));

            await().atMost(WAIT).until(() -> readKpis().size() >= 2 && !readLate().isEmpty() && !readDeadLetters().isEmpty());
            List<Kpi1m> kpis = readKpis();
            assertThat(kpis).extracting(Kpi1m::getWindowStart).containsExactly(w0, w1);
            assertThat(kpis.get(0).getEvents()).isEqualTo(4);
            assertThat(kpis.get(0).getActiveUsers()).isEqualTo(4);
            assertThat(kpis.get(0).getViewUsers()).isEqualTo(3);
            assertThat(kpis.get(0).getGmv()).isEqualByComparingTo("39.98");
            assertThat(kpis.get(0).getConversionRate()).isEqualByComparingTo("0.3333");
            // One event before the restart (only in the restored state), two after.
            assertThat(kpis.get(1).getEvents()).isEqualTo(3);
            assertThat(kpis.get(1).getActiveUsers()).isEqualTo(2);
            assertThat(kpis.get(1).getOrders()).isEqualTo(1);

            assertThat(readLate()).singleElement().satisfies(l -> {
                assertThat(l.getEvent().getEventId()).isEqualTo(late.getEventId());
                assertThat(l.getWindowStart()).isEqualTo(w0);
            });
            assertThat(readDeadLetters()).singleElement().satisfies(d -> {
                assertThat(d.getFailureKind()).isEqualTo("deserialization");
                assertThat(d.getSourceTopic()).isEqualTo(topics.webEvents().name());
                assertThat(d.getReason()).isNotBlank();
            });
            assertThat(service.lateEvents()).isEqualTo(1);
            assertThat(heard).extracting(Kpi1m::getWindowStart).containsExactly(w0, w1);
        }
        assertThat(readKpis()).as("no window emitted twice").hasSize(2);
    }

    private void awaitCounted(long events) {
        await().atMost(WAIT).until(() -> service.health().details().get("eventsCounted").equals(events));
    }

    private void send(KafkaProducer<String, WebEvent> producer, WebEvent... events) {
        for (WebEvent e : events) {
            producer.send(new ProducerRecord<>(topics.webEvents().name(), null, e.getProcessingTs().toEpochMilli(), e.getEventId(), e));
        }
    }

    private void heartbeat(KafkaProducer<byte[], Long> producer, Instant at) throws Exception {
        producer.send(new ProducerRecord<>(topics.heartbeats().name(), null, at.toEpochMilli(), new byte[0], at.toEpochMilli())).get();
    }

    private <K, V> KafkaProducer<K, V> producer(Serializer<K> keys, Serializer<V> values) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return new KafkaProducer<>(p, keys, values);
    }

    private List<Kpi1m> readKpis() {
        return readAll(topics.kpi1m());
    }

    private List<LateEvent> readLate() {
        return readAll(topics.lateEvents());
    }

    private List<DeadLetter> readDeadLetters() {
        return readAll(topics.deadLetters());
    }

    /** Every committed record of a one-partition output topic, from the beginning. */
    private <K, V> List<V> readAll(Topic<K, V> topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(p, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            TopicPartition partition = new TopicPartition(topic.name(), 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<V> values = new ArrayList<>();
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<K, V> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
            return values;
        }
    }
}
