package io.medallion.sink;

import io.medallion.common.config.Settings;
import io.medallion.registry.client.MockSchemaRegistry;
import io.medallion.registry.client.RegistryClientConfig;
import io.medallion.registry.client.SchemaRegistryClient;
import io.medallion.registry.serde.KafkaAvroSerializer;
import io.medallion.testkit.SharedServers;
import io.medallion.testkit.delta.DeltaKernelReader;
import io.medallion.testkit.delta.DeltaTableSnapshot;
import io.medallion.testkit.kafka.EmbeddedKafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * What every sink IT needs: the JVM's shared broker, an in-memory registry scope of its own,
 * a producer writing in the wire format, sinks on a table root, and the independent reader.
 */
final class SinkHarness implements AutoCloseable {

    final EmbeddedKafkaBroker broker = SharedServers.kafka();
    final String scope = "sink-it-" + UUID.randomUUID();
    final String registryUrl = "mock://" + scope;
    final DeltaKernelReader kernel = new DeltaKernelReader();
    final Path root;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaAvroSerializer serializer = new KafkaAvroSerializer();
    private final List<SinkService> sinks = new ArrayList<>();
    private final List<java.util.concurrent.Future<RecordMetadata>> pending = new ArrayList<>();

    SinkHarness(Path root) {
        this.root = root;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5), new ByteArraySerializer(), new ByteArraySerializer());
        serializer.configure(Map.of(RegistryClientConfig.URL, registryUrl), false);
    }

    SchemaRegistryClient registry() {
        return MockSchemaRegistry.getClientForScope(scope);
    }

    /** A unique suffix for topic and table names, so tests sharing the broker never meet. */
    static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    Map<String, String> settings(Layer layer, String group, List<String> topics, String... extra) {
        Map<String, String> m = new HashMap<>();
        m.put("medallion.sink.layer", layer.name().toLowerCase());
        m.put("medallion.sink.table-root", root.toUri().toString());
        m.put("medallion.sink.bootstrap-servers", broker.bootstrapServers());
        m.put("medallion.sink.registry-url", registryUrl);
        m.put("medallion.sink.group-id", group);
        m.put("medallion.sink.topics", String.join(",", topics));
        m.put("medallion.sink.flush.max-latency", "300ms");
        m.put("medallion.sink.poll-timeout", "50ms");
        m.put("medallion.sink.maintenance.compact-interval", "0");
        m.put("medallion.sink.maintenance.vacuum-interval", "0");
        m.put("medallion.sink.maintenance.vacuum-retention-check", "false");
        m.put("medallion.sink.kafka.session.timeout.ms", "10000");
        m.put("medallion.sink.kafka.heartbeat.interval.ms", "500");
        for (int i = 0; i < extra.length; i += 2) {
            m.put(extra[i], extra[i + 1]);
        }
        return m;
    }

    SinkService start(Map<String, String> settings) {
        return start(settings, FlushHooks.NONE);
    }

    SinkService start(Map<String, String> settings, FlushHooks hooks) {
        SinkConfig config = SinkConfig.from(Settings.of(settings));
        SinkService sink = new SinkService(config, new SimpleMeterRegistry(), RegistryValueDecoder.create(config), hooks,
                Clock.systemUTC());
        sinks.add(sink);
        sink.start();
        return sink;
    }

    byte[] serialize(String topic, Object value) {
        return serializer.serialize(topic, value);
    }

    RecordMetadata send(String topic, int partition, byte[] key, byte[] value) {
        return send(new ProducerRecord<>(topic, partition, key, value));
    }

    RecordMetadata send(ProducerRecord<byte[], byte[]> record) {
        try {
            return producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Sends without waiting; {@link #flush()} waits for all and fails if any failed. */
    void sendAsync(String topic, int partition, byte[] key, byte[] value) {
        pending.add(producer.send(new ProducerRecord<>(topic, partition, key, value)));
    }

    void flush() {
        producer.flush();
        List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>(pending);
        pending.clear();
        for (var f : sent) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a test record was not produced", e.getCause());
            }
        }
    }

    /** Creates a topic and waits until every partition has a leader the producer knows. */
    void createTopic(String topic, int partitions) {
        broker.createTopic(topic, partitions);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                producer.partitionsFor(topic).size() == partitions
                        && producer.partitionsFor(topic).stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
    }

    Path table(String relative) {
        return root.resolve(relative);
    }

    /** Waits until the table, as Delta Kernel reads it, satisfies {@code condition}. */
    DeltaTableSnapshot awaitTable(String relative, Predicate<DeltaTableSnapshot> condition) {
        DeltaTableSnapshot[] last = new DeltaTableSnapshot[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            last[0] = kernel.read(table(relative));
            return condition.test(last[0]);
        });
        return last[0];
    }

    DeltaTableSnapshot awaitRows(String relative, int rows) {
        return awaitTable(relative, s -> s.rowCount() >= rows);
    }

    @Override
    public void close() {
        sinks.forEach(SinkService::close);
        producer.close();
        serializer.close();
        MockSchemaRegistry.dropScope(scope);
    }
}
