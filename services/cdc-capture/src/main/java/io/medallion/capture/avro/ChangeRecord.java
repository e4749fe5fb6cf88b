package io.medallion.capture.avro;

import org.apache.avro.generic.GenericRecord;

/**
 * One Debezium record in the contract's Avro form, ready to serialize.
 *
 * @param table       {@code schema.table} of a change, null for other records (heartbeats)
 * @param op          {@code c}, {@code u}, {@code d}, {@code r}; null for heartbeats
 * @param sourceTsMs  commit time in the source (epoch ms); null for heartbeats
 */
public record ChangeRecord(String topic, GenericRecord key, GenericRecord value, String table, String op, Long sourceTsMs) {

    public boolean isChange() {
        return table != null;
    }
}
