package io.medallion.bench.fleet.load;

import io.medallion.loadgen.clickstream.WebEvent;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * {@code cdc.shop.web_events} change envelopes exactly as cdc-capture writes them
 * (docs/cdc-envelope.md): the row schema follows the source table (unconstrained {@code price}
 * as decimal text, {@code ts} as timestamp-micros), inserts only ({@code op = c}), the commit
 * time in {@code source.ts_ms}. Rows come from the load generator's clickstream factory, so the
 * Kafka-fed mode offers the same traffic, anomalies included, as the PostgreSQL mode.
 */
public final class WebEventEnvelopes {

    public static final Schema KEY = SchemaBuilder.record("Key").namespace("cdc.shop.web_events").fields()
            .requiredLong("id").endRecord();
    public static final Schema ROW = SchemaBuilder.record("Value").namespace("cdc.shop.web_events").fields()
            .requiredLong("id")
            .optionalString("event_id").optionalString("user_id").optionalString("product_id").optionalString("event_type")
            .optionalString("price").optionalInt("quantity").optionalString("currency")
            .name("ts").type().unionOf().nullType().and().type(LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG)))
            .endUnion().nullDefault()
            .optionalString("country").optionalString("device").optionalString("campaign")
            .endRecord();
    static final Schema SOURCE = SchemaBuilder.record("Source").namespace("io.medallion.cdc").fields()
            .requiredString("db").requiredString("schema").requiredString("table")
            .optionalLong("lsn").optionalLong("tx_id").requiredLong("ts_ms").requiredString("snapshot")
            .endRecord();
    public static final Schema ENVELOPE = SchemaBuilder.record("Envelope").namespace("cdc.shop.web_events").fields()
            .name("before").type().unionOf().nullType().and().type(ROW).endUnion().nullDefault()
            .name("after").type().unionOf().nullType().and().type(ROW).endUnion().nullDefault()
            .name("source").type(SOURCE).noDefault()
            .requiredString("op")
            .optionalLong("ts_ms")
            .endRecord();

    private WebEventEnvelopes() {
    }

    public static GenericRecord key(long id) {
        GenericRecord key = new GenericData.Record(KEY);
        key.put("id", id);
        return key;
    }

    /**
     * The row as the source would hold it when written at {@code writtenAt}: product indexes
     * become the seeded product's key (index + 1 on a fresh database), as text.
     */
    public static GenericRecord row(long id, WebEvent e, Instant writtenAt) {
        GenericRecord row = new GenericData.Record(ROW);
        row.put("id", id);
        row.put("event_id", e.eventId());
        row.put("user_id", e.userId());
        row.put("product_id", e.productIndex() != null ? Long.toString(e.productIndex() + 1L) : e.productText());
        row.put("event_type", e.eventType());
        row.put("price", e.price() == null ? null : e.price().toPlainString());
        row.put("quantity", e.quantity());
        row.put("currency", e.currency());
        row.put("ts", e.tsOffset() == null ? null : ChronoUnit.MICROS.between(Instant.EPOCH, writtenAt.plus(e.tsOffset())));
        row.put("country", e.country());
        row.put("device", e.device());
        row.put("campaign", e.campaign());
        return row;
    }

    /** A row copied under a new id: the tracker's retry of an event, a new source row. */
    public static GenericRecord withId(GenericRecord row, long id) {
        GenericRecord copy = new GenericData.Record(ROW);
        for (Schema.Field f : ROW.getFields()) {
            copy.put(f.pos(), row.get(f.pos()));
        }
        copy.put("id", id);
        return copy;
    }

    /** The insert of {@code row}, committed at {@code committedAt} in transaction {@code txId} at {@code lsn}. */
    public static GenericRecord insert(GenericRecord row, long lsn, long txId, Instant committedAt) {
        GenericRecord source = new GenericData.Record(SOURCE);
        source.put("db", "medallion");
        source.put("schema", "shop");
        source.put("table", "web_events");
        source.put("lsn", lsn);
        source.put("tx_id", txId);
        source.put("ts_ms", committedAt.toEpochMilli());
        source.put("snapshot", "false");
        GenericRecord envelope = new GenericData.Record(ENVELOPE);
        envelope.put("after", row);
        envelope.put("source", source);
        envelope.put("op", "c");
        envelope.put("ts_ms", committedAt.toEpochMilli());
        return envelope;
    }
}
