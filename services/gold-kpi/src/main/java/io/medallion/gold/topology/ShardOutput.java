package io.medallion.gold.topology;

import io.medallion.avro.gold.LateEvent;
import io.medallion.gold.kpi.PartialCounts;

/** What a by-user partition's aggregator emits: late events, and partials and progress for the combiner. */
public sealed interface ShardOutput {

    record Late(LateEvent event) implements ShardOutput {
    }

    /** Input of the combiner; all of it travels through the one-partition partials topic, in order. */
    sealed interface CombinerInput extends ShardOutput {
        int shard();
    }

    /** The counts of one closed window in one partition; only windows with events have one. */
    record WindowPartial(int shard, long windowStartMs, PartialCounts counts) implements CombinerInput {
    }

    /**
     * "Partition {@code shard} has closed every window starting before {@code closedBeforeMs}":
     * it will send no further partial for those windows (windows close in order, and the
     * partials of a close precede its progress record).
     */
    record ShardProgress(int shard, long closedBeforeMs) implements CombinerInput {
    }
}
