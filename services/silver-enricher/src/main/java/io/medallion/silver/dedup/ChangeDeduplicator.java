package io.medallion.silver.dedup;

import io.medallion.silver.quarantine.RowJson;
import io.medallion.silver.source.ChangeEvent;
import io.micrometer.core.instrument.Counter;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Drops redelivered change events: deduplication by (table, primary key, LSN).
 *
 * <p>Invariant: within one key the source emits changes in increasing LSN order (row locks
 * serialize writers, and the snapshot LSN precedes every streamed change), and one key lives in
 * one partition. So keeping the highest LSN per key is enough: a change at or below it has
 * been processed already and is a redelivery after a capture restart. State: one entry per key
 * ever seen in the table (store per table, so the table is part of the key), holding only the
 * key's JSON and an LSN, never row data. A change without an LSN cannot be deduplicated and
 * passes through (validation quarantines it).
 */
public final class ChangeDeduplicator implements FixedKeyProcessor<GenericRecord, ChangeEvent, ChangeEvent> {

    private final String storeName;
    private final Counter hits;
    private FixedKeyProcessorContext<GenericRecord, ChangeEvent> context;
    private KeyValueStore<String, Long> lastLsnByKey;

    public ChangeDeduplicator(String storeName, Counter hits) {
        this.storeName = storeName;
        this.hits = hits;
    }

    @Override
    public void init(FixedKeyProcessorContext<GenericRecord, ChangeEvent> context) {
        this.context = context;
        this.lastLsnByKey = context.getStateStore(storeName);
    }

    @Override
    public void process(FixedKeyRecord<GenericRecord, ChangeEvent> record) {
        Long lsn = record.value().lsn();
        if (lsn == null || record.key() == null) {
            context.forward(record);
            return;
        }
        String key = RowJson.plain(record.key());
        Long last = lastLsnByKey.get(key);
        if (last != null && lsn <= last) {
            hits.increment();
            return;
        }
        lastLsnByKey.put(key, lsn);
        context.forward(record);
    }
}
