package io.medallion.silver.quarantine;

import io.medallion.avro.silver.QuarantineKey;
import io.medallion.avro.silver.QuarantineRecord;
import io.medallion.silver.entity.Entity;
import io.medallion.silver.pii.PiiTokenizer;
import io.medallion.silver.source.ChangeEvent;
import org.apache.avro.generic.GenericRecord;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

/**
 * Builds the {@code silver.quarantine} record of a change that broke its entity's rules: every
 * reason, where it came from, and the row as JSON. For entities holding personal data the JSON
 * carries tokens instead of the personal columns and the original value bytes are left out,
 * because they hold those columns in clear.
 */
public final class QuarantineRecords {

    private final Entity<?, ?> entity;
    private final RowJson rowJson;

    public QuarantineRecords(Entity<?, ?> entity, PiiTokenizer tokenizer) {
        this.entity = entity;
        this.rowJson = new RowJson(entity.personalColumns(), tokenizer);
    }

    /** Where the record came from: its topic and key, rendered as JSON. */
    public static QuarantineKey key(String sourceTopic, GenericRecord sourceKey) {
        return new QuarantineKey(sourceTopic, sourceKey == null ? null : RowJson.plain(sourceKey));
    }

    public QuarantineRecord record(String topic, int partition, long offset, GenericRecord sourceKey,
                                   ChangeEvent event, List<String> reasons, Instant now) {
        GenericRecord row = event.op() != null ? event.image() : (event.after() != null ? event.after() : event.before());
        return QuarantineRecord.newBuilder()
                .setEntity(entity.table())
                .setSourceTopic(topic)
                .setSourcePartition(partition)
                .setSourceOffset(offset)
                .setSourceKey(sourceKey == null ? null : RowJson.plain(sourceKey))
                .setOriginal(rowJson.render(row))
                .setOriginalValue(entity.holdsPersonalData() || event.rawValue() == null ? null : ByteBuffer.wrap(event.rawValue()))
                .setValidationErrors(List.copyOf(reasons))
                .setOp(event.opCode())
                .setSourceLsn(event.lsn())
                .setSourceTs(Instant.ofEpochMilli(event.committedAtMs()))
                .setProcessingTs(now)
                .build();
    }
}
