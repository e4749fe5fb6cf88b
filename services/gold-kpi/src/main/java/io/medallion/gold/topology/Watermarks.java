package io.medallion.gold.topology;

import io.medallion.gold.topology.ShardRecord.Watermark;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Sends one watermark to every partition of the by-user topic. */
final class Watermarks {

    /** Key of watermark records; the partitioner routes by {@link ShardRecord#shard()}, never by key. */
    static final String KEY = "";

    private Watermarks() {
    }

    static void broadcast(ProcessorContext<String, ShardRecord> context, UserShards shards, long streamTimeMs) {
        for (int shard = 0; shard < shards.count(); shard++) {
            context.forward(new Record<>(KEY, new Watermark(shard, streamTimeMs), streamTimeMs));
        }
    }
}
