package io.medallion.gold.topology;

import io.medallion.gold.kpi.EventContribution;
import io.medallion.gold.kpi.KpiRecords;
import io.medallion.gold.kpi.KpiWindows;
import io.medallion.gold.kpi.PartialCounts;
import io.medallion.gold.kpi.UserFlags;
import io.medallion.gold.metrics.GoldMetrics;
import io.medallion.gold.state.ShardClock;
import io.medallion.gold.state.ShardWindowKey;
import io.medallion.gold.state.ShardWindowUserKey;
import io.medallion.gold.topology.ShardOutput.Late;
import io.medallion.gold.topology.ShardOutput.ShardProgress;
import io.medallion.gold.topology.ShardOutput.WindowPartial;
import io.medallion.gold.topology.ShardRecord.ShardedEvent;
import io.medallion.gold.topology.ShardRecord.Watermark;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Second stage, one per by-user partition: counts each event into its window's partial and its
 * user's flags, and closes windows as the partition's clock passes end + grace.
 *
 * <p>Invariants, per partition: the clock only moves forward, and only with watermarks (the
 * first stage's broadcast clock); a window is closed once, in order of window start, and its
 * state is deleted when closed, so state holds only open windows. On a close the partials of
 * the closed windows are forwarded before the progress record that announces the close. An
 * event whose window is already closed is forwarded as late, never counted and never dropped.
 * All state is in the stores (changelogged, in the same transaction as the output), none in
 * fields, so a restart resumes exactly.
 */
final class ShardAggregator extends ContextualProcessor<String, ShardRecord, String, ShardOutput> {

    private final KpiWindows windows;
    private final GoldMetrics metrics;
    private final Clock clock;
    private final Serializer<ShardWindowKey> windowKeySerializer;
    private KeyValueStore<Integer, ShardClock> clocks;
    private KeyValueStore<ShardWindowKey, PartialCounts> partials;
    private KeyValueStore<ShardWindowUserKey, UserFlags> users;

    ShardAggregator(KpiWindows windows, GoldMetrics metrics, Clock clock, Serializer<ShardWindowKey> windowKeySerializer) {
        this.windows = windows;
        this.metrics = metrics;
        this.clock = clock;
        this.windowKeySerializer = windowKeySerializer;
    }

    @Override
    public void init(ProcessorContext<String, ShardOutput> context) {
        super.init(context);
        clocks = context.getStateStore(GoldTopology.SHARD_CLOCKS_STORE);
        partials = context.getStateStore(GoldTopology.SHARD_WINDOWS_STORE);
        users = context.getStateStore(GoldTopology.SHARD_USERS_STORE);
    }

    @Override
    public void process(Record<String, ShardRecord> record) {
        if (record.value() instanceof ShardedEvent event) {
            count(record, event);
        } else {
            advance((Watermark) record.value());
        }
    }

    private void count(Record<String, ShardRecord> record, ShardedEvent sharded) {
        ShardClock shardClock = clocks.get(sharded.shard());
        long windowStart = windows.startOf(sharded.event().getTs().toEpochMilli());
        if (shardClock != null && windowStart < shardClock.closedBeforeMs()) {
            metrics.lateEvent();
            context().forward(new Record<>(sharded.event().getEventId(),
                    new Late(KpiRecords.late(windows, sharded.event(), shardClock.streamTimeMs(), clock.instant())),
                    record.timestamp()));
            return;
        }
        EventContribution contribution = EventContribution.of(sharded.event());
        ShardWindowKey window = new ShardWindowKey(sharded.shard(), windowStart);
        ShardWindowUserKey user = new ShardWindowUserKey(sharded.shard(), windowStart, contribution.userId());
        UserFlags before = orNone(users.get(user));
        PartialCounts counts = partials.get(window);
        partials.put(window, (counts == null ? PartialCounts.EMPTY : counts).add(contribution, before));
        UserFlags after = before.with(contribution.type());
        if (!after.equals(before)) {
            users.put(user, after);
        }
        metrics.eventCounted();
    }

    private void advance(Watermark watermark) {
        int shard = watermark.shard();
        ShardClock current = clocks.get(shard);
        if (current != null && watermark.streamTimeMs() <= current.streamTimeMs()) {
            return;
        }
        long closedBefore = windows.closedBefore(watermark.streamTimeMs());
        if (current == null || closedBefore > current.closedBeforeMs()) {
            closeWindowsBefore(shard, closedBefore, watermark.streamTimeMs());
            context().forward(new Record<>(String.valueOf(shard), new ShardProgress(shard, closedBefore),
                    watermark.streamTimeMs()));
        }
        clocks.put(shard, new ShardClock(watermark.streamTimeMs(), closedBefore));
    }

    private void closeWindowsBefore(int shard, long closedBefore, long streamTimeMs) {
        List<KeyValue<ShardWindowKey, PartialCounts>> closing = new ArrayList<>();
        try (KeyValueIterator<ShardWindowKey, PartialCounts> it =
                     partials.range(new ShardWindowKey(shard, Long.MIN_VALUE), new ShardWindowKey(shard, closedBefore - 1))) {
            it.forEachRemaining(closing::add);
        }
        for (KeyValue<ShardWindowKey, PartialCounts> window : closing) {
            context().forward(new Record<>(String.valueOf(shard),
                    new WindowPartial(shard, window.key.windowStartMs(), window.value), streamTimeMs));
            partials.delete(window.key);
            deleteUsers(window.key);
        }
    }

    private void deleteUsers(ShardWindowKey window) {
        List<ShardWindowUserKey> keys = new ArrayList<>();
        try (KeyValueIterator<ShardWindowUserKey, UserFlags> it = users.prefixScan(window, windowKeySerializer)) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        keys.forEach(users::delete);
    }

    private static UserFlags orNone(UserFlags flags) {
        return flags == null ? UserFlags.NONE : flags;
    }
}
