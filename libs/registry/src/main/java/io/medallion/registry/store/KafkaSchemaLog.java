package io.medallion.registry.store;

import io.medallion.registry.client.SchemaRegistryException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The registry's log in a single-partition compacted Kafka topic ({@code _schemas} by default,
 * records laid out as Confluent's, see {@link LogRecordCodec}). The topic is created when
 * missing. Replay reads it from the beginning up to the end offset seen at start.
 *
 * <p>One registry writes a topic at a time: this log does not follow records other writers
 * append after start (Confluent elects a leader for that; this registry does not).
 */
public final class KafkaSchemaLog implements SchemaLog {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSchemaLog.class);

    private final KafkaStorageConfig config;
    private final TopicPartition partition;
    private KafkaProducer<byte[], byte[]> producer;

    public KafkaSchemaLog(KafkaStorageConfig config) {
        this.config = config;
        this.partition = new TopicPartition(config.topic(), 0);
    }

    @Override
    public List<LogRecord> replay() {
        ensureTopic();
        List<LogRecord> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), config.timeout()).get(partition);
            long deadline = System.nanoTime() + config.timeout().toNanos();
            while (consumer.position(partition, config.timeout()) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read topic '" + config.topic() + "' up to offset "
                            + end + " within " + config.timeout());
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    LogRecordCodec.decode(record.key(), record.value()).ifPresent(records::add);
                }
            }
            LOG.info("Replayed {} registry records from topic '{}' (end offset {})", records.size(), config.topic(), end);
        }
        return records;
    }

    @Override
    public synchronized void append(LogRecord record) {
        LogRecordCodec.Encoded encoded = LogRecordCodec.encode(record);
        try {
            // The producer's own delivery timeout expires first, so a failed future means the
            // outcome is known to the producer rather than abandoned in flight.
            producer().send(new ProducerRecord<>(config.topic(), 0, encoded.key(), encoded.value()))
                    .get(config.timeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SchemaRegistryException.storeError("Interrupted while writing to topic '" + config.topic() + "'", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw SchemaRegistryException.storeError("Error in the backend data store: could not write to topic '"
                    + config.topic() + "': " + cause, cause);
        }
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerProperties());
        }
        return producer;
    }

    private void ensureTopic() {
        try (Admin admin = Admin.create(clientProperties())) {
            long timeoutMs = config.timeout().toMillis();
            Optional<TopicDescription> existing = describe(admin, timeoutMs);
            if (existing.isEmpty()) {
                short replicas = config.replicationFactor().orElseGet(() -> defaultReplicationFactor(admin, timeoutMs));
                NewTopic topic = new NewTopic(config.topic(), 1, replicas)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                try {
                    admin.createTopics(List.of(topic)).all().get(timeoutMs, TimeUnit.MILLISECONDS);
                    LOG.info("Created schemas topic '{}' (1 partition, {} replicas, compacted)", config.topic(), replicas);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
                return;
            }
            int partitions = existing.get().partitions().size();
            if (partitions != 1) {
                throw new IllegalStateException("Schemas topic '" + config.topic() + "' has " + partitions
                        + " partitions; it must have exactly 1 so records keep their order");
            }
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, config.topic());
            Config topicConfig = admin.describeConfigs(List.of(resource)).all().get(timeoutMs, TimeUnit.MILLISECONDS).get(resource);
            String policy = topicConfig.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
            if (!policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
                LOG.warn("Schemas topic '{}' has cleanup.policy={}: schemas will be lost when its retention expires; use compact",
                        config.topic(), policy);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while preparing topic '" + config.topic() + "'", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not prepare schemas topic '" + config.topic() + "' on "
                    + config.bootstrapServers() + ": " + e, e);
        }
    }

    private Optional<TopicDescription> describe(Admin admin, long timeoutMs)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return Optional.of(admin.describeTopics(List.of(config.topic())).allTopicNames()
                    .get(timeoutMs, TimeUnit.MILLISECONDS).get(config.topic()));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static short defaultReplicationFactor(Admin admin, long timeoutMs) {
        try {
            int brokers = admin.describeCluster().nodes().get(timeoutMs, TimeUnit.MILLISECONDS).size();
            return (short) Math.max(1, Math.min(3, brokers));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while describing the cluster", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not describe the Kafka cluster: " + e, e);
        }
    }

    private Map<String, Object> clientProperties() {
        Map<String, Object> props = new HashMap<>(config.clientProperties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        return props;
    }

    private Map<String, Object> consumerProperties() {
        Map<String, Object> props = clientProperties();
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }

    private Map<String, Object> producerProperties() {
        Map<String, Object> props = clientProperties();
        long timeoutMs = config.timeout().toMillis();
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (timeoutMs / 2));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        return props;
    }
}
