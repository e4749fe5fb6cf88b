package io.medallion.local;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the offset of the last committed data record of partitions, as a {@code read_committed}
 * consumer sees them. The end offset alone does not say it: a transactional producer (Kafka
 * Streams with exactly_once_v2) leaves commit markers and aborted records after its last data
 * record, and consumers never report those as consumed. So each partition's tail is read.
 */
final class TopicTails implements AutoCloseable {

    /** Records read back from the end before widening the look-back. */
    private static final long FIRST_LOOK_BACK = 256;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaConsumer<byte[], byte[]> consumer;

    TopicTails(String bootstrapServers) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "medallion-local-tails");
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Per partition, the offset of its last committed data record; partitions holding none are left out. */
    Map<TopicPartition, Long> lastDataOffsets(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> last = new HashMap<>();
        if (partitions.isEmpty()) {
            return last;
        }
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        List<TopicPartition> open = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            if (end.get(tp) > begin.get(tp)) {
                open.add(tp);
            }
        }
        long lookBack = FIRST_LOOK_BACK;
        while (!open.isEmpty()) {
            Map<TopicPartition, Long> from = new HashMap<>();
            for (TopicPartition tp : open) {
                from.put(tp, Math.max(begin.get(tp), end.get(tp) - lookBack));
            }
            read(from, end, last);
            // Only markers and aborted records in the look-back: look further, up to the beginning.
            open.removeIf(tp -> last.containsKey(tp) || from.get(tp) <= begin.get(tp));
            lookBack *= 16;
        }
        return last;
    }

    private void read(Map<TopicPartition, Long> from, Map<TopicPartition, Long> end, Map<TopicPartition, Long> last) {
        consumer.assign(from.keySet());
        from.forEach(consumer::seek);
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (from.keySet().stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read to the end of " + from.keySet() + " within " + READ_TIMEOUT);
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (r.offset() < end.get(tp)) {
                    last.merge(tp, r.offset(), Math::max);
                }
            }
        }
        consumer.assign(List.of());
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
