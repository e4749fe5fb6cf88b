package io.medallion.capture.wal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Reads this capture's stored source offsets straight from the Kafka offsets topic, the way
 * Kafka Connect's {@code KafkaOffsetBackingStore} writes them: JSON key
 * {@code ["<engine name>", {"server": "<topic prefix>"}]}, JSON value the offset map (null once
 * reset); the last record for the key wins.
 */
public final class OffsetTopicReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OffsetTopicReader() {
    }

    public static Optional<StoredOffset> read(String bootstrap, String topic, String engineName, String server, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, engineName + "-offset-check");
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                return Optional.empty();
            }
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Map<String, Object> latest = null;
            boolean found = false;
            while (!caughtUp(consumer, end)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read offsets topic '" + topic + "' within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() != null && isOurs(r.key(), engineName, server)) {
                        found = true;
                        latest = r.value() == null ? null : parseValue(r.value());
                    }
                }
            }
            return found && latest != null ? Optional.of(StoredOffset.fromOffsetMap(latest)) : Optional.empty();
        }
    }

    static boolean isOurs(byte[] key, String engineName, String server) {
        try {
            JsonNode node = JSON.readTree(key);
            return node.isArray() && node.size() == 2
                    && engineName.equals(node.get(0).asText())
                    && server.equals(node.get(1).path("server").asText());
        } catch (IOException e) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parseValue(byte[] value) {
        try {
            return JSON.readValue(value, Map.class);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable stored offset: " + new String(value, java.nio.charset.StandardCharsets.UTF_8), e);
        }
    }

    private static boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
