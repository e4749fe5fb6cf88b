package io.medallion.silver.topology;

import io.medallion.avro.common.DeadLetter;
import io.medallion.avro.silver.QuarantineKey;
import io.medallion.avro.silver.QuarantineRecord;
import io.medallion.common.config.Settings;
import io.medallion.common.topics.TopicNames;
import io.medallion.registry.client.MockSchemaRegistry;
import io.medallion.registry.client.SchemaRegistryClient;
import io.medallion.silver.RegistrySerdes;
import io.medallion.silver.SilverConfig;
import io.medallion.silver.entity.Entities;
import io.medallion.silver.entity.Entity;
import io.medallion.silver.errors.DeadLetterRouter;
import io.medallion.silver.fixtures.Cdc;
import io.medallion.silver.metrics.SilverCounters;
import io.medallion.silver.metrics.SilverMetrics;
import io.medallion.silver.pii.PiiTokenizer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The silver topology on a {@link TopologyTestDriver}, with the fleet's Avro serdes on a private
 * {@code mock://} registry scope (dropped on close) and a private state directory. Tests pipe
 * change envelopes in as cdc-capture writes them and read every output topic back decoded;
 * {@link #rawOutputs()} gives every record produced to any topic (silver, quarantine, dead
 * letters, changelogs, repartition) as bytes.
 */
final class SilverDriver implements AutoCloseable {

    static final String HMAC_SECRET = "silver-driver-test-key-0123456789abcdef";
    /** {@code _processing_ts} of every record the driver produces. */
    static final Instant PROCESSED_AT = Instant.parse("2025-06-01T12:30:00Z");

    private final String scope = "silver-" + UUID.randomUUID();
    private final Path stateDir;
    final SilverConfig config;
    final Entities entities;
    final SilverTopics topics;
    final SilverMetrics metrics = new SilverMetrics(new SimpleMeterRegistry());
    final PiiTokenizer tokenizer;
    final Topology topology;
    final TopologyTestDriver driver;
    private final Serde<GenericRecord> keys;
    private final Serde<GenericRecord> values;
    private final Map<String, List<TestRecord<byte[], byte[]>>> produced = new LinkedHashMap<>();
    private final Map<String, Long> offsets = new HashMap<>();

    SilverDriver() {
        this(Map.of());
    }

    SilverDriver(Map<String, String> settings) {
        try {
            Files.createDirectories(Path.of("target"));
            stateDir = Files.createTempDirectory(Path.of("target"), "silver-driver");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> all = new HashMap<>(Map.of(
                SilverConfig.BOOTSTRAP_SERVERS, "unused:9092",
                SilverConfig.SCHEMA_REGISTRY_URL, MockSchemaRegistry.MOCK_URL_PREFIX + scope,
                SilverConfig.HMAC_KEY, HMAC_SECRET,
                SilverConfig.STATE_DIR, stateDir.toString(),
                SilverConfig.APPLICATION_ID, "silver-test"));
        all.putAll(settings);
        config = SilverConfig.from(Settings.of(all));
        entities = new Entities(config.maxFutureSkew());
        RegistrySerdes serdes = new RegistrySerdes(config.serdeConfig());
        topics = SilverTopics.create(entities, serdes);
        tokenizer = new PiiTokenizer(config.hmacKey());
        Clock clock = Clock.fixed(PROCESSED_AT, ZoneOffset.UTC);
        topology = SilverTopology.build(topics, config.dedupRetention(), tokenizer, metrics, clock);
        DeadLetterRouter router = new DeadLetterRouter("silver-enricher", topics.deadLetters().name(),
                topics.deadLetters().keySerde().serializer(), topics.deadLetters().valueSerde().serializer(),
                entities.personalSourceTopics(), metrics, clock);
        Properties props = config.streamsProperties(router);
        // The driver clears its mock producer's uncommitted sends between records, which under
        // exactly_once_v2 loses a dead letter sent while no record is being processed (a
        // deserialization failure). Exactly-once itself is exercised by SilverServiceIT.
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        driver = new TopologyTestDriver(topology, props, PROCESSED_AT);
        keys = serdes.generic(true);
        values = serdes.generic(false);
    }

    /** The registry scope's client, e.g. to pre-register a conflicting contract. */
    SchemaRegistryClient registry() {
        return MockSchemaRegistry.getClientForScope(scope);
    }

    /** Pipes a change envelope into {@code cdc.shop.<table>}, keyed by its primary key. */
    void pipe(String table, long id, GenericRecord envelope) {
        String topic = TopicNames.cdcShop(table);
        pipeBytes(topic, keys.serializer().serialize(topic, Cdc.key(table, id)), values.serializer().serialize(topic, envelope));
    }

    /** The bytes cdc-capture would write for this envelope. */
    byte[] encode(String table, GenericRecord envelope) {
        return values.serializer().serialize(TopicNames.cdcShop(table), envelope);
    }

    byte[] encodeKey(String table, long id) {
        String topic = TopicNames.cdcShop(table);
        return keys.serializer().serialize(topic, Cdc.key(table, id));
    }

    /** Pipes raw bytes, e.g. a poison record; returns the offset it got. */
    long pipeBytes(String topic, byte[] key, byte[] value) {
        driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer())
                .pipeInput(new TestRecord<>(key, value, PROCESSED_AT));
        long offset = offsets.merge(topic, 1L, Long::sum) - 1;
        drain();
        return offset;
    }

    /** The records written to {@code silver.<table>}, decoded, in order. */
    <K, V extends SpecificRecordBase> List<KeyValue<K, V>> silver(Entity<K, V> entity) {
        Topic<K, V> topic = topics.silver(entity);
        return decode(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }

    @SuppressWarnings("unchecked")
    <K, V extends SpecificRecordBase> List<V> silverValues(String table) {
        Entity<K, V> entity = (Entity<K, V>) entities.get(table);
        return silver(entity).stream().map(kv -> kv.value).toList();
    }

    List<KeyValue<QuarantineKey, QuarantineRecord>> quarantine() {
        return decode(topics.quarantine().name(), topics.quarantine().keySerde().deserializer(),
                topics.quarantine().valueSerde().deserializer());
    }

    List<KeyValue<String, DeadLetter>> deadLetters() {
        return decode(topics.deadLetters().name(), topics.deadLetters().keySerde().deserializer(),
                topics.deadLetters().valueSerde().deserializer());
    }

    /** Every record produced so far, by topic, as bytes. */
    Map<String, List<TestRecord<byte[], byte[]>>> rawOutputs() {
        drain();
        return produced;
    }

    SilverCounters counters() {
        return metrics.snapshot();
    }

    private <K, V> List<KeyValue<K, V>> decode(String topic, Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        drain();
        List<KeyValue<K, V>> out = new ArrayList<>();
        for (TestRecord<byte[], byte[]> r : produced.getOrDefault(topic, List.of())) {
            out.add(KeyValue.pair(keyDeserializer.deserialize(topic, r.key()), valueDeserializer.deserialize(topic, r.value())));
        }
        return out;
    }

    /** Moves what the driver produced into {@link #produced}: the driver hands each record out once. */
    private void drain() {
        for (String topic : driver.producedTopicNames()) {
            var output = driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            while (!output.isEmpty()) {
                produced.computeIfAbsent(topic, t -> new ArrayList<>()).add(output.readRecord());
            }
        }
    }

    @Override
    public void close() {
        try {
            driver.close();
        } finally {
            MockSchemaRegistry.dropScope(scope);
            deleteRecursively(stateDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
