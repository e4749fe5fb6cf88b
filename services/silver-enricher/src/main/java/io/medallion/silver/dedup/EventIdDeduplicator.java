package io.medallion.silver.dedup;

import io.medallion.avro.silver.WebEvent;
import io.medallion.silver.source.Op;
import io.micrometer.core.instrument.Counter;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import java.time.Duration;

/**
 * Clickstream deduplication by {@code event_id}: the first copy wins, later copies whose event
 * time lies within the retention of an earlier one are dropped and counted.
 *
 * <p>Runs after the stream is repartitioned by event id, so every copy of an event meets the
 * same store. The store is a window store on event time with retention {@code R}: ids whose
 * event time is more than {@code R} behind the newest event time seen are purged segment by
 * segment, which bounds the state to about {@code R} of traffic. A copy arriving after its
 * original was purged (or more than {@code R} of event time away from it) passes as new.
 * Only arrivals ({@code c}, {@code r}) are deduplicated; an update or delete of a clickstream
 * row is a change to an event already in silver and passes through.
 */
public final class EventIdDeduplicator implements FixedKeyProcessor<String, WebEvent, WebEvent> {

    private final String storeName;
    private final long retentionMs;
    private final Counter hits;
    private FixedKeyProcessorContext<String, WebEvent> context;
    private WindowStore<String, Long> seen;

    public EventIdDeduplicator(String storeName, Duration retention, Counter hits) {
        this.storeName = storeName;
        this.retentionMs = retention.toMillis();
        this.hits = hits;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, WebEvent> context) {
        this.context = context;
        this.seen = context.getStateStore(storeName);
    }

    @Override
    public void process(FixedKeyRecord<String, WebEvent> record) {
        WebEvent event = record.value();
        Op op = Op.parse(event.getOp());
        if (op == null || !op.isArrival()) {
            context.forward(record);
            return;
        }
        long eventTime = event.getTs().toEpochMilli();
        try (WindowStoreIterator<Long> earlier = seen.fetch(record.key(), eventTime - retentionMs, eventTime + retentionMs)) {
            if (earlier.hasNext()) {
                hits.increment();
                return;
            }
        }
        seen.put(record.key(), event.getId(), eventTime);
        context.forward(record);
    }
}
