package io.medallion.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.medallion.testkit.SharedServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {

    @Test
    void producedRecordsAreConsumedFromEveryPartition() throws Exception {
        EmbeddedKafkaBroker broker = SharedServers.kafka();
        String topic = unique("plain");
        broker.createTopic(topic, 3);

        try (KafkaProducer<String, String> producer = producer(broker, Map.of())) {
            for (int i = 0; i < 30; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)).get();
            }
        }

        List<ConsumerRecord<String, String>> records = consumeAll(broker, topic, "read_uncommitted", 30);
        assertThat(records).extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrderElementsOf(range("v", 30));
        assertThat(records).extracting(ConsumerRecord::partition).containsOnly(0, 1, 2);
        assertThat(broker.admin().describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions())
                .hasSize(3);
    }

    @Test
    void readCommittedConsumersSeeCommittedTransactionsOnly() throws Exception {
        EmbeddedKafkaBroker broker = SharedServers.kafka();
        String topic = unique("tx");
        broker.createTopic(topic, 1);

        try (KafkaProducer<String, String> producer = producer(broker,
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, unique("tx-id")))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "a", "committed-1"));
            producer.send(new ProducerRecord<>(topic, "b", "committed-2"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "c", "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "d", "committed-3"));
            producer.commitTransaction();
        }

        assertThat(consumeAll(broker, topic, "read_committed", 3)).extracting(ConsumerRecord::value)
                .containsExactly("committed-1", "committed-2", "committed-3");
        assertThat(consumeAll(broker, topic, "read_uncommitted", 4)).extracting(ConsumerRecord::value)
                .containsExactly("committed-1", "committed-2", "aborted", "committed-3");
    }

    @Test
    void restartOnTheSameDirectoryKeepsTopicsRecordsAndAddress(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDirectory(dir).start()) {
            String bootstrap = broker.bootstrapServers();
            broker.createTopic("survivor", 2);
            try (KafkaProducer<String, String> producer = producer(broker, Map.of())) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>("survivor", "k" + i, "before-" + i)).get();
                }
            }

            broker.stop();
            assertThat(broker.isRunning()).isFalse();
            broker.start();

            assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
            assertThat(broker.admin().listTopics().names().get()).contains("survivor");
            try (KafkaProducer<String, String> producer = producer(broker, Map.of())) {
                producer.send(new ProducerRecord<>("survivor", "k", "after")).get();
            }
            List<String> values = consumeAll(broker, "survivor", "read_uncommitted", 11).stream()
                    .map(ConsumerRecord::value).toList();
            assertThat(values).containsAll(range("before-", 10)).contains("after").hasSize(11);
        }
        assertThat(dir).isNotEmptyDirectory();
    }

    @Test
    void temporaryDataDirectoryIsRemovedOnClose() {
        Path dir;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start()) {
            dir = broker.dataDirectory();
            assertThat(dir.resolve("meta.properties")).exists();
        }
        assertThat(dir).doesNotExist();
    }

    static KafkaProducer<String, String> producer(EmbeddedKafkaBroker broker, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"));
        config.putAll(extra);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    static List<ConsumerRecord<String, String>> consumeAll(EmbeddedKafkaBroker broker, String topic,
            String isolation, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, unique("group"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // One more poll shows nothing beyond the expected records arrived.
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static List<String> range(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
    }
}
