package io.medallion.sink.app;

import io.medallion.registry.client.RegistryClientConfig;
import io.medallion.registry.serde.KafkaAvroSerializer;
import io.medallion.sink.Envelopes;
import io.medallion.sink.SinkConfig;
import io.medallion.sink.StorageConfig;
import io.medallion.testkit.SharedServers;
import io.medallion.testkit.delta.DeltaKernelReader;
import io.medallion.testkit.kafka.EmbeddedKafkaBroker;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import static org.awaitility.Awaitility.await;

/**
 * One bronze topic of its own on the shared broker (cdc.app&lt;id&gt;.events), a producer of
 * change envelopes in the wire format, the sink settings for it, and the table read back with
 * Delta Kernel.
 */
final class SinkAppFixture implements AutoCloseable {

    private static final Schema ENVELOPE = Envelopes.schema("events", "{\"name\":\"id\",\"type\":\"long\"}");

    final EmbeddedKafkaBroker kafka = SharedServers.kafka();
    final String schema = "app" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    final String topic = "cdc." + schema + ".events";
    final String table = "bronze/" + schema + "_events";
    final Path root;
    private final String registryUrl;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaAvroSerializer serializer = new KafkaAvroSerializer();

    SinkAppFixture(Path root, String registryUrl) {
        this.root = root;
        this.registryUrl = registryUrl;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer());
        serializer.configure(Map.of(RegistryClientConfig.URL, registryUrl), false);
        kafka.createTopic(topic, 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> producer.partitionsFor(topic).stream()
                .allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
    }

    /** The sink's settings for this topic: bronze layer, no scheduled maintenance, quick polls. */
    Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(StorageConfig.LAYER, "bronze");
        m.put(StorageConfig.TABLE_ROOT, root.toUri().toString());
        m.put(SinkConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        m.put(SinkConfig.REGISTRY_URL, registryUrl);
        m.put(SinkConfig.GROUP_ID, "sink-" + schema);
        m.put(SinkConfig.TOPICS, topic);
        m.put(SinkConfig.POLL_TIMEOUT, "50ms");
        m.put(StorageConfig.COMPACT_INTERVAL, "0");
        m.put(StorageConfig.VACUUM_INTERVAL, "0");
        return m;
    }

    /** Inserts with ids {@code from .. from + count - 1}, committed in the source at {@code commitMs}. */
    void send(long from, int count, long commitMs) {
        try {
            for (long id = from; id < from + count; id++) {
                byte[] value = serializer.serialize(topic, Envelopes.change(ENVELOPE, "c", Map.of("id", id), 100 + id, 7, commitMs));
                producer.send(new ProducerRecord<>(topic, 0, Long.toString(id).getBytes(), value)).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a test record was not produced", e.getCause());
        }
    }

    /** Rows in the table as Delta Kernel reads it; 0 before its first commit. */
    long rows() {
        Path path = root.resolve(table);
        // The sink creates _delta_log before its first commit file lands: wait for version 0.
        if (!Files.exists(path.resolve("_delta_log/00000000000000000000.json"))) {
            return 0;
        }
        return new DeltaKernelReader().rowCount(path);
    }

    @Override
    public void close() {
        producer.close();
        serializer.close();
    }
}
