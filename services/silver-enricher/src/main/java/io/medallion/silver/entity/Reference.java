package io.medallion.silver.entity;

import org.apache.avro.specific.SpecificRecordBase;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * A foreign key of a silver record to another silver entity, looked up in that entity's live
 * silver table. An unknown or deleted target is a warning on the record ({@code _warnings}),
 * never a rejection; a known target may enrich the record.
 *
 * @param field the silver field holding the referenced id (a long)
 * @param table the referenced entity, e.g. {@code products}
 * @param type the referenced silver record class
 * @param enrichment copies fields of the target into the record; may do nothing
 * @param enrichedFields the record's fields the enrichment sets (left null by the mapper)
 */
public record Reference<V extends SpecificRecordBase, R extends SpecificRecordBase>(
        String field, String table, Class<R> type, BiConsumer<V, R> enrichment, List<String> enrichedFields) {

    public Reference {
        enrichedFields = List.copyOf(enrichedFields);
    }

    /** Applies the enrichment with an untyped target read from a lookup store. */
    public void enrich(V record, SpecificRecordBase target) {
        enrichment.accept(record, type.cast(target));
    }
}
