package io.medallion.capture.avro;

import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

import java.util.List;

/** The fixed parts of the change envelope of docs/cdc-envelope.md. */
public final class EnvelopeSchemas {

    /** {@code io.medallion.cdc.Source}: Debezium's source block reduced to what consumers use. */
    public static final Schema SOURCE = SchemaBuilder.record("Source").namespace("io.medallion.cdc").fields()
            .requiredString("db")
            .requiredString("schema")
            .requiredString("table")
            .optionalLong("lsn")
            .optionalLong("tx_id")
            .requiredLong("ts_ms")
            .requiredString("snapshot")
            .endRecord();

    private EnvelopeSchemas() {
    }

    /**
     * {@code <namespace>.Envelope} around a row record: before, after, source, op, ts_ms.
     *
     * @param fullName the envelope's full name, e.g. {@code cdc.shop.orders.Envelope}
     */
    public static Schema envelope(String fullName, Schema row) {
        Schema nullableRow = ConnectToAvro.nullable(row);
        return Schema.createRecord(ConnectToAvro.simpleName(fullName), null, ConnectToAvro.namespace(fullName), false, List.of(
                new Schema.Field("before", nullableRow, null, JsonProperties.NULL_VALUE),
                new Schema.Field("after", nullableRow, null, JsonProperties.NULL_VALUE),
                new Schema.Field("source", SOURCE, null, (Object) null),
                new Schema.Field("op", Schema.create(Schema.Type.STRING), null, (Object) null),
                new Schema.Field("ts_ms", ConnectToAvro.nullable(Schema.create(Schema.Type.LONG)), null, JsonProperties.NULL_VALUE)));
    }
}
