package io.medallion.gold.topology;

import org.apache.kafka.streams.processor.StreamPartitioner;

import java.util.Optional;
import java.util.Set;

/**
 * Writes each by-user record to the partition of its shard ({@link ShardRecord#shard()}, chosen
 * by the first stage). With as many partitions as shards, as gold-kpi creates the topic, shard
 * and partition are the same. Any other count still keeps each shard whole in one partition, in
 * order, which is all the aggregator needs (it keeps its state per shard); the test driver,
 * whose topics have one partition, relies on that.
 */
final class ShardPartitioner implements StreamPartitioner<String, ShardRecord> {

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, ShardRecord value, int numPartitions) {
        return Optional.of(Set.of(value.shard() % numPartitions));
    }
}
