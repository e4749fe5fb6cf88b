package io.medallion.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Waits until a consumer (a Kafka Streams application, a sink) has committed its way past the
 * last data record of every partition it reads: then closing it loses nothing.
 *
 * <p>Each round reads the consumer's committed positions <em>before</em> the partitions' tails.
 * A consumer that also writes to its own inputs (Streams repartition topics) can only add
 * records by processing something it had not committed yet, so when the positions read first
 * cover the tails read second, nothing is left to process.
 */
final class Drain implements AutoCloseable {

    private static final Duration ROUND = Duration.ofMillis(250);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;
    private final TopicTails tails;

    Drain(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        this.tails = new TopicTails(bootstrapServers);
    }

    /**
     * @param who        named in the error
     * @param topics     the topics the consumer reads (listed again each round: topics may appear)
     * @param positions  for these partitions, the next offset the consumer reads after what it committed
     */
    void await(String who, Predicate<String> topics, Function<Collection<TopicPartition>, Map<TopicPartition, Long>> positions,
               Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<TopicPartition> partitions = partitionsOf(topics);
            Map<TopicPartition, Long> committed = positions.apply(partitions);
            Map<TopicPartition, Long> last = tails.lastDataOffsets(partitions);
            List<String> behind = behind(committed, last);
            if (behind.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(who + " did not commit everything its topics hold within " + timeout
                        + ": " + String.join(", ", behind.subList(0, Math.min(5, behind.size())))
                        + (behind.size() > 5 ? " and " + (behind.size() - 5) + " more" : ""));
            }
            try {
                Thread.sleep(ROUND.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + who + " to commit", e);
            }
        }
    }

    /** The committed positions of a consumer group (a Kafka Streams application id). */
    Map<TopicPartition, Long> groupPositions(String groupId) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, Long> positions = new HashMap<>();
            offsets.forEach((tp, o) -> {
                if (o != null) {
                    positions.put(tp, o.offset());
                }
            });
            return positions;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the committed offsets of group " + groupId + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the offsets of group " + groupId, e);
        }
    }

    /** Every partition of the topics that pass the filter (internal topics included, e.g. the heartbeat topic). */
    List<TopicPartition> partitionsOf(Predicate<String> topics) {
        try {
            Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<String> wanted = names.stream().filter(topics).sorted().toList();
            List<TopicPartition> partitions = new ArrayList<>();
            if (wanted.isEmpty()) {
                return partitions;
            }
            Map<String, TopicDescription> described = admin.describeTopics(wanted).allTopicNames()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            described.values().forEach(d -> d.partitions().forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition()))));
            return partitions;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list the topics: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing topics", e);
        }
    }

    /**
     * The partitions whose last data record lies at or beyond the committed position, as
     * {@code topic-partition at <position> of <last + 1>}, in partition order. A partition
     * without a committed position counts as position 0.
     */
    static List<String> behind(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> lastDataOffsets) {
        return lastDataOffsets.entrySet().stream()
                .filter(e -> committed.getOrDefault(e.getKey(), 0L) <= e.getValue())
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(TopicPartition::topic).thenComparing(TopicPartition::partition)))
                .map(e -> e.getKey() + " at " + committed.getOrDefault(e.getKey(), 0L) + " of " + (e.getValue() + 1))
                .toList();
    }

    @Override
    public void close() {
        tails.close();
        admin.close(Duration.ofSeconds(5));
    }
}
