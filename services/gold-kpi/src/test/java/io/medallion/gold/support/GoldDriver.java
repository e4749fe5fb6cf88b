package io.medallion.gold.support;

import io.medallion.avro.common.DeadLetter;
import io.medallion.avro.gold.Kpi1m;
import io.medallion.avro.gold.LateEvent;
import io.medallion.avro.silver.WebEvent;
import io.medallion.common.config.Settings;
import io.medallion.gold.GoldConfig;
import io.medallion.gold.GoldStreamsProperties;
import io.medallion.gold.errors.DeadLetterPublisher;
import io.medallion.gold.metrics.GoldMetrics;
import io.medallion.gold.serde.GoldSerdes;
import io.medallion.gold.topology.GoldTopics;
import io.medallion.gold.topology.GoldTopology;
import io.medallion.registry.client.MockSchemaRegistry;
import io.medallion.testkit.LocalResources;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * The whole gold-kpi topology on a {@link TopologyTestDriver}, with the real serdes on a
 * {@code mock://} registry scope of its own, the real exception handlers, and a fixed
 * processing clock. Every by-user partition is simulated in the one task the driver runs: each
 * record carries its partition and the aggregator keeps state per partition.
 */
public final class GoldDriver implements AutoCloseable {

    public static final Instant PROCESSING_TIME = Instant.parse("2030-01-01T00:00:00Z");

    private final String scope = "gold-" + UUID.randomUUID();
    private final GoldConfig config;
    private final GoldTopics topics;
    private final TopologyTestDriver driver;
    private final Topology topology;
    private final Path stateDir;
    public final GoldMetrics metrics = new GoldMetrics(new SimpleMeterRegistry());
    public final List<Kpi1m> heard = new ArrayList<>();
    public final TestInputTopic<String, WebEvent> events;
    public final TestInputTopic<byte[], Long> heartbeats;
    public final TestOutputTopic<Long, Kpi1m> kpis;
    public final TestOutputTopic<String, LateEvent> late;
    public final TestOutputTopic<String, DeadLetter> deadLetters;

    public GoldDriver(int partitions) {
        this(Map.of(GoldConfig.PARTITIONS, Integer.toString(partitions)));
    }

    /**
     * A driver running at-least-once. Only for the dead letters of undecodable input: under
     * exactly_once_v2 the test driver drops records that a deserialization handler hands back
     * (they are sent while the driver enqueues, outside the transaction it commits), which
     * GoldServiceIT checks on a real broker instead.
     */
    public static GoldDriver atLeastOnce(int partitions) {
        return new GoldDriver(Map.of(GoldConfig.PARTITIONS, Integer.toString(partitions)), true);
    }

    public GoldDriver(Map<String, String> settings) {
        this(settings, false);
    }

    private GoldDriver(Map<String, String> settings, boolean atLeastOnce) {
        try {
            stateDir = Files.createTempDirectory("gold-ttd-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> all = new HashMap<>(settings);
        all.putIfAbsent(GoldConfig.BOOTSTRAP_SERVERS, "dummy:9092");
        all.putIfAbsent(GoldConfig.SCHEMA_REGISTRY_URL, "mock://" + scope);
        all.putIfAbsent(GoldConfig.STATE_DIR, stateDir.toString());
        config = GoldConfig.from(Settings.of(all));
        Map<String, Object> registry = Map.of("schema.registry.url", config.schemaRegistryUrl());
        topics = GoldSerdes.topics(registry);
        Clock clock = Clock.fixed(PROCESSING_TIME, ZoneOffset.UTC);
        topology = GoldTopology.build(topics, config, metrics, heard::add, clock);
        DeadLetterPublisher publisher = new DeadLetterPublisher("gold-kpi", topics.deadLetters().name(),
                topics.deadLetters().keySerde().serializer(), topics.deadLetters().valueSerde().serializer(), metrics, clock);
        Properties props = GoldStreamsProperties.of(config, publisher);
        if (atLeastOnce) {
            props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        }
        driver = new TopologyTestDriver(topology, props, Instant.EPOCH);
        events = driver.createInputTopic(topics.webEvents().name(), topics.webEvents().keySerde().serializer(),
                topics.webEvents().valueSerde().serializer());
        heartbeats = driver.createInputTopic(topics.heartbeats().name(), Serdes.ByteArray().serializer(),
                topics.heartbeats().valueSerde().serializer());
        kpis = driver.createOutputTopic(topics.kpi1m().name(), topics.kpi1m().keySerde().deserializer(),
                topics.kpi1m().valueSerde().deserializer());
        late = driver.createOutputTopic(topics.lateEvents().name(), topics.lateEvents().keySerde().deserializer(),
                topics.lateEvents().valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetters().name(), topics.deadLetters().keySerde().deserializer(),
                topics.deadLetters().valueSerde().deserializer());
    }

    public GoldConfig config() {
        return config;
    }

    public Topology topology() {
        return topology;
    }

    public TopologyTestDriver driver() {
        return driver;
    }

    /** Sends an event as silver would: keyed by event_id, record time = its processing time. */
    public void send(WebEvent event) {
        events.pipeInput(event.getEventId(), event, event.getProcessingTs());
    }

    /** A capture heartbeat carrying {@code at} as its ts_ms. */
    public void heartbeat(Instant at) {
        heartbeats.pipeInput(new byte[0], at.toEpochMilli(), at);
    }

    /** Sends raw bytes to silver.web_events, as a broken producer would. */
    public void sendRaw(byte[] key, byte[] value) {
        driver.createInputTopic(topics.webEvents().name(), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer())
                .pipeInput(key, value);
    }

    public List<Kpi1m> emittedKpis() {
        return kpis.readValuesToList();
    }

    @Override
    public void close() {
        try {
            driver.close();
        } finally {
            topics.close();
            MockSchemaRegistry.dropScope(scope);
            LocalResources.deleteRecursively(stateDir);
        }
    }
}
