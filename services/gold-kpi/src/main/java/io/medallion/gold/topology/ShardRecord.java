package io.medallion.gold.topology;

import io.medallion.avro.silver.WebEvent;

/**
 * A record of the by-user repartition topic: an event routed to its user's partition, or a
 * watermark carrying the first stage's stream time to one partition. {@link #shard()} is the
 * partition the record is written to.
 */
public sealed interface ShardRecord {

    int shard();

    record ShardedEvent(int shard, WebEvent event) implements ShardRecord {
    }

    /** "Upstream has seen event time up to {@code streamTimeMs}" (epoch ms). */
    record Watermark(int shard, long streamTimeMs) implements ShardRecord {
    }
}
