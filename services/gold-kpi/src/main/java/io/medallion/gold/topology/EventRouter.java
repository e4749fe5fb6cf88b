package io.medallion.gold.topology;

import io.medallion.avro.silver.WebEvent;
import io.medallion.gold.kpi.EventClock;
import io.medallion.gold.kpi.EventContribution;
import io.medallion.gold.metrics.GoldMetrics;
import io.medallion.gold.topology.ShardRecord.ShardedEvent;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

import java.time.Duration;

/**
 * First stage, one instance per silver partition group: routes each event to its user's
 * partition and, each time its event-time clock enters a new {@code watermarkInterval} step,
 * broadcasts that clock to every partition, so partitions without events of their own still
 * see time pass. The clock lives in memory: after a restart it starts again from the next
 * event, which is harmless because partitions only ever move their clocks forward.
 */
final class EventRouter extends ContextualProcessor<String, WebEvent, String, ShardRecord> {

    private final UserShards shards;
    private final long intervalMs;
    private final GoldMetrics metrics;
    private long streamTimeMs = Long.MIN_VALUE;
    private long broadcastStep = Long.MIN_VALUE;

    EventRouter(UserShards shards, Duration watermarkInterval, GoldMetrics metrics) {
        this.shards = shards;
        this.intervalMs = watermarkInterval.toMillis();
        this.metrics = metrics;
    }

    @Override
    public void process(Record<String, WebEvent> record) {
        WebEvent event = record.value();
        if (!isArrival(event.getOp())) {
            metrics.changeSkipped(event.getOp());
            return;
        }
        // Fails here, on the silver record itself, so its dead letter can be replayed as is.
        EventContribution.of(event);
        context().forward(record.withKey(event.getEventId())
                .withValue(new ShardedEvent(shards.of(event.getUserId()), event)));
        streamTimeMs = Math.max(streamTimeMs, EventClock.clockTimeMs(event));
        long step = Math.floorDiv(streamTimeMs, intervalMs);
        if (step > broadcastStep) {
            broadcastStep = step;
            Watermarks.broadcast(context(), shards, streamTimeMs);
        }
    }

    /** An insert ({@code c}) or snapshot read ({@code r}) of a clickstream row: a new event. */
    static boolean isArrival(String op) {
        return "c".equals(op) || "r".equals(op);
    }
}
