package io.medallion.gold.topology;

import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;

/**
 * Which partition of the by-user topic a user lives in: murmur2 of the UTF-8 user id, as
 * Kafka's default partitioner would place a String key. Stable across restarts and versions:
 * changing it would move users between partitions and break the per-partition distinct counts
 * of windows open at the time.
 */
public record UserShards(int count) {

    public UserShards {
        if (count < 1) {
            throw new IllegalArgumentException("partition count must be positive, was " + count);
        }
    }

    public int of(String userId) {
        return Utils.toPositive(Utils.murmur2(userId.getBytes(StandardCharsets.UTF_8))) % count;
    }
}
