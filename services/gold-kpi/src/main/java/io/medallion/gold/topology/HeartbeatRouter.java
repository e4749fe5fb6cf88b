package io.medallion.gold.topology;

import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The second clock: each capture heartbeat ({@code ts_ms}, the capture's wall clock) is
 * broadcast as a watermark, so windows close while the clickstream is quiet. Silver trails the
 * capture by its processing delay; the grace period must cover that delay, or silver events
 * overtaken by a heartbeat become late.
 */
final class HeartbeatRouter extends ContextualProcessor<byte[], Long, String, ShardRecord> {

    private final UserShards shards;

    HeartbeatRouter(UserShards shards) {
        this.shards = shards;
    }

    @Override
    public void process(Record<byte[], Long> heartbeat) {
        if (heartbeat.value() == null) {
            throw new IllegalArgumentException("heartbeat without a value (ts_ms)");
        }
        Watermarks.broadcast(context(), shards, heartbeat.value());
    }
}
