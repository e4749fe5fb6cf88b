package io.medallion.silver.enrich;

import io.medallion.silver.entity.Entity;
import io.medallion.silver.entity.Reference;
import io.micrometer.core.instrument.Counter;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

import java.util.List;

/**
 * Resolves a silver record's references against the live silver tables (global lookup stores
 * fed by {@code silver.<table>}): a known target enriches the record, an unknown or deleted one
 * adds a warning to {@code _warnings}. Lookups see the target as of processing time: a target
 * that arrives later does not revise records already written.
 */
public final class ReferenceResolver<K, V extends SpecificRecordBase> implements FixedKeyProcessor<K, V, V> {

    private final List<Reference<V, ?>> references;
    private final int[] fieldPositions;
    private final int warningsPosition;
    private final Counter warnings;
    private FixedKeyProcessorContext<K, V> context;
    private List<TimestampedKeyValueStore<Long, SpecificRecordBase>> stores;

    public ReferenceResolver(Entity<K, V> entity, Counter warnings) {
        this.references = entity.references();
        this.fieldPositions = references.stream().mapToInt(r -> entity.schema().getField(r.field()).pos()).toArray();
        this.warningsPosition = entity.schema().getField("_warnings").pos();
        this.warnings = warnings;
    }

    @Override
    public void init(FixedKeyProcessorContext<K, V> context) {
        this.context = context;
        this.stores = references.stream()
                .map(r -> context.<TimestampedKeyValueStore<Long, SpecificRecordBase>>getStateStore(Lookups.storeName(r.table())))
                .toList();
    }

    @Override
    public void process(FixedKeyRecord<K, V> record) {
        V value = record.value();
        for (int i = 0; i < stores.size(); i++) {
            Long id = (Long) value.get(fieldPositions[i]);
            if (id == null) {
                continue;
            }
            Reference<V, ?> reference = references.get(i);
            ValueAndTimestamp<SpecificRecordBase> found = stores.get(i).get(id);
            SpecificRecordBase target = found == null ? null : found.value();
            if (target == null) {
                warn(value, reference.field() + ": " + id + " is not known to silver." + reference.table());
            } else if ("d".equals(target.get("_op"))) {
                warn(value, reference.field() + ": " + id + " is deleted in silver." + reference.table());
            } else {
                reference.enrich(value, target);
            }
        }
        context.forward(record);
    }

    @SuppressWarnings("unchecked")
    private void warn(V value, String warning) {
        ((List<String>) value.get(warningsPosition)).add(warning);
        warnings.increment();
    }
}
