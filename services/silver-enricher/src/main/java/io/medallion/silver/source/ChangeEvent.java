package io.medallion.silver.source;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * One decoded change envelope of a {@code cdc.shop.<table>} topic (cdc-envelope.md) together
 * with the value bytes it was decoded from, which quarantine and dead letters keep verbatim.
 */
public final class ChangeEvent {

    private final GenericRecord envelope;
    private final GenericRecord source;
    private final Op op;
    private final byte[] rawValue;

    private ChangeEvent(GenericRecord envelope, GenericRecord source, byte[] rawValue) {
        this.envelope = envelope;
        this.source = source;
        this.op = Op.parse((CharSequence) envelope.get("op"));
        this.rawValue = rawValue;
    }

    /**
     * Wraps a decoded value after checking it has the envelope's shape.
     *
     * @throws IllegalArgumentException when it is not a change envelope
     */
    public static ChangeEvent of(GenericRecord envelope, byte[] rawValue) {
        Schema schema = envelope.getSchema();
        for (String field : new String[] {"before", "after", "source", "op"}) {
            if (schema.getField(field) == null) {
                throw new IllegalArgumentException("not a change envelope: record " + schema.getFullName()
                        + " has no field '" + field + "'");
            }
        }
        if (!(envelope.get("source") instanceof GenericRecord source)
                || source.getSchema().getField("ts_ms") == null || !(source.get("ts_ms") instanceof Long)) {
            throw new IllegalArgumentException("not a change envelope: record " + schema.getFullName()
                    + " has no source record with a long ts_ms");
        }
        return new ChangeEvent(envelope, source, rawValue);
    }

    public GenericRecord envelope() {
        return envelope;
    }

    /** The operation, or null when {@code op} is not one of c, u, d, r. */
    public Op op() {
        return op;
    }

    /** The wire value of {@code op}, for reporting an unknown one. */
    public String opCode() {
        Object op = envelope.get("op");
        return op == null ? null : op.toString();
    }

    public GenericRecord before() {
        return (GenericRecord) envelope.get("before");
    }

    public GenericRecord after() {
        return (GenericRecord) envelope.get("after");
    }

    /** The row the change is about: {@code before} for deletes, {@code after} otherwise; null if missing. */
    public GenericRecord image() {
        return op == Op.DELETE ? before() : after();
    }

    /** {@code source.lsn}: null when the capture did not set it. */
    public Long lsn() {
        return (Long) sourceField("lsn");
    }

    /** {@code source.ts_ms}: the commit time of the transaction in the source (epoch ms). */
    public long committedAtMs() {
        return (Long) source.get("ts_ms");
    }

    /** {@code source.table}, e.g. {@code web_events}. */
    public String sourceTable() {
        Object table = sourceField("table");
        return table == null ? null : table.toString();
    }

    /** The value bytes as read from Kafka (Confluent wire format). */
    public byte[] rawValue() {
        return rawValue;
    }

    private Object sourceField(String name) {
        Schema.Field field = source.getSchema().getField(name);
        return field == null ? null : source.get(field.pos());
    }
}
