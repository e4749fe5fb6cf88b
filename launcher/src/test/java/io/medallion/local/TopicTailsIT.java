package io.medallion.local;

import io.medallion.testkit.SharedServers;
import io.medallion.testkit.kafka.EmbeddedKafkaBroker;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The last committed data record per partition, past commit markers and aborted transactions. */
class TopicTailsIT {

    private final EmbeddedKafkaBroker kafka = SharedServers.kafka();

    @Test
    void findsTheLastCommittedDataRecordBehindMarkersAndAbortedTransactionsOrNothing() throws Exception {
        String topic = "tails-" + UUID.randomUUID();
        kafka.createTopic(topic, 3);
        TopicPartition committedThenAborted = new TopicPartition(topic, 0);
        TopicPartition longAbortedTail = new TopicPartition(topic, 1);
        TopicPartition empty = new TopicPartition(topic, 2);
        try (KafkaProducer<byte[], byte[]> producer = transactional()) {
            producer.initTransactions();
            transaction(producer, committedThenAborted, 3, true);   // offsets 0-2, marker 3
            transaction(producer, committedThenAborted, 2, false);  // aborted 4-5, marker 6
            transaction(producer, longAbortedTail, 1, true);        // offset 0, marker 1
            transaction(producer, longAbortedTail, 600, false);     // far more than the first look-back
        }

        try (TopicTails tails = new TopicTails(kafka.bootstrapServers())) {
            Map<TopicPartition, Long> last = tails.lastDataOffsets(List.of(committedThenAborted, longAbortedTail, empty));

            assertThat(last).containsExactlyInAnyOrderEntriesOf(Map.of(committedThenAborted, 2L, longAbortedTail, 0L));
        }
    }

    private KafkaProducer<byte[], byte[]> transactional() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tails-" + UUID.randomUUID()),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void transaction(KafkaProducer<byte[], byte[]> producer, TopicPartition tp, int records, boolean commit) {
        producer.beginTransaction();
        for (int i = 0; i < records; i++) {
            producer.send(new ProducerRecord<>(tp.topic(), tp.partition(), null, new byte[]{(byte) i}));
        }
        if (commit) {
            producer.commitTransaction();
        } else {
            producer.flush();
            producer.abortTransaction();
        }
    }
}
