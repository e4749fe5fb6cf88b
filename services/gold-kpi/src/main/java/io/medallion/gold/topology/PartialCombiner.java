package io.medallion.gold.topology;

import io.medallion.avro.gold.Kpi1m;
import io.medallion.gold.KpiListener;
import io.medallion.gold.kpi.KpiRecords;
import io.medallion.gold.kpi.KpiWindows;
import io.medallion.gold.metrics.GoldMetrics;
import io.medallion.gold.state.CombinedWindow;
import io.medallion.gold.topology.ShardOutput.CombinerInput;
import io.medallion.gold.topology.ShardOutput.ShardProgress;
import io.medallion.gold.topology.ShardOutput.WindowPartial;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Third stage, a single task: sums the partials of each window and emits the window's
 * {@link Kpi1m} once every by-user partition has reported it closed.
 *
 * <p>Each partition's progress ("closed every window before B") is kept as its watermark. A
 * window is final once it starts before the smallest watermark over all partitions: every
 * partition has then sent its partial for it, if it had one, because a partition forwards a
 * window's partial before the progress that passes it, through this same single-partition
 * topic. Final windows are emitted in order and deleted, so each is emitted exactly once (the
 * deletion commits in the same transaction as the output). Until every partition has reported
 * once, nothing is final.
 */
final class PartialCombiner extends ContextualProcessor<String, CombinerInput, Long, Kpi1m> {

    private static final Logger LOG = LoggerFactory.getLogger(PartialCombiner.class);

    private final KpiWindows windows;
    private final UserShards shards;
    private final GoldMetrics metrics;
    private final KpiListener listener;
    private final Clock clock;
    private KeyValueStore<Integer, Long> watermarks;
    private KeyValueStore<Long, CombinedWindow> open;

    PartialCombiner(KpiWindows windows, UserShards shards, GoldMetrics metrics, KpiListener listener, Clock clock) {
        this.windows = windows;
        this.shards = shards;
        this.metrics = metrics;
        this.listener = listener;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<Long, Kpi1m> context) {
        super.init(context);
        watermarks = context.getStateStore(GoldTopology.COMBINER_WATERMARKS_STORE);
        open = context.getStateStore(GoldTopology.COMBINER_WINDOWS_STORE);
    }

    @Override
    public void process(Record<String, CombinerInput> record) {
        CombinerInput input = record.value();
        if (input.shard() < 0 || input.shard() >= shards.count()) {
            throw new IllegalStateException("record from by-user partition " + input.shard() + " but there are "
                    + shards.count() + " partitions; was medallion.gold.partitions changed without a new application id?");
        }
        if (input instanceof WindowPartial partial) {
            combine(partial);
        } else {
            progress((ShardProgress) input);
        }
    }

    private void combine(WindowPartial partial) {
        OptionalLong finalBefore = finalBefore();
        if (finalBefore.isPresent() && partial.windowStartMs() < finalBefore.getAsLong()) {
            throw new IllegalStateException("partial of partition " + partial.shard() + " for window "
                    + Instant.ofEpochMilli(partial.windowStartMs()) + " arrived after the window was emitted: " + partial.counts());
        }
        CombinedWindow window = open.get(partial.windowStartMs());
        open.put(partial.windowStartMs(), (window == null ? CombinedWindow.EMPTY : window).plus(partial.counts()));
    }

    private void progress(ShardProgress progress) {
        Long previous = watermarks.get(progress.shard());
        if (previous != null && progress.closedBeforeMs() <= previous) {
            return;
        }
        watermarks.put(progress.shard(), progress.closedBeforeMs());
        OptionalLong finalBefore = finalBefore();
        if (finalBefore.isPresent()) {
            emitWindowsBefore(finalBefore.getAsLong());
        }
    }

    /** The smallest watermark over all partitions, empty while some partition has not reported. */
    private OptionalLong finalBefore() {
        long min = Long.MAX_VALUE;
        for (int shard = 0; shard < shards.count(); shard++) {
            Long watermark = watermarks.get(shard);
            if (watermark == null) {
                return OptionalLong.empty();
            }
            min = Math.min(min, watermark);
        }
        return OptionalLong.of(min);
    }

    private void emitWindowsBefore(long finalBefore) {
        List<KeyValue<Long, CombinedWindow>> closing = new ArrayList<>();
        try (KeyValueIterator<Long, CombinedWindow> it = open.range(Long.MIN_VALUE, finalBefore - 1)) {
            it.forEachRemaining(closing::add);
        }
        List<String> unrepresentable = new ArrayList<>();
        for (KeyValue<Long, CombinedWindow> window : closing) {
            open.delete(window.key);
            Instant closedAt = clock.instant();
            Kpi1m kpi;
            try {
                kpi = KpiRecords.kpi(windows, window.key, window.value.counts(), window.value.partials(), closedAt);
            } catch (ArithmeticException e) {
                unrepresentable.add("window " + Instant.ofEpochMilli(window.key) + " " + window.value + ": " + e.getMessage());
                continue;
            }
            context().forward(new Record<>(window.key, kpi, windows.endOf(window.key)));
            metrics.windowEmitted(closedAt.toEpochMilli() - windows.closesAt(window.key));
            notifyListener(kpi);
        }
        if (!unrepresentable.isEmpty()) {
            // Raised after the other windows went out, so the dead letter (which keeps these
            // counts in its reason) costs no other window.
            throw new IllegalStateException("KPI windows cannot be written in the gold contract: " + unrepresentable);
        }
    }

    private void notifyListener(Kpi1m kpi) {
        try {
            listener.windowClosed(kpi);
        } catch (RuntimeException e) {
            LOG.warn("KPI listener failed on window {}; the window is emitted regardless", kpi.getWindowStart(), e);
        }
    }
}
