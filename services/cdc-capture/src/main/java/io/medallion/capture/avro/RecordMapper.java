package io.medallion.capture.avro;

import io.debezium.data.Envelope;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Debezium {@link SourceRecord}s to {@link ChangeRecord}s of docs/cdc-envelope.md.
 *
 * <p>Compiled mappings are cached per topic and reused while Debezium hands over the very same
 * Connect schema objects (it builds new ones only when a table's schema changes), so the hot path
 * is an identity comparison and value copying.
 */
public final class RecordMapper {

    private record Compiled(org.apache.kafka.connect.data.Schema keyConnect, org.apache.kafka.connect.data.Schema valueConnect,
                            Function<Object, Object> key, Function<Object, Object> value) {
    }

    private final Map<String, Compiled> byTopic = new ConcurrentHashMap<>();

    /** The record in Avro form; empty for a tombstone (no value), which the contract does not carry. */
    public Optional<ChangeRecord> map(SourceRecord record) {
        if (record.value() == null) {
            return Optional.empty();
        }
        Compiled c = compiled(record);
        GenericRecord key = record.key() == null ? null : (GenericRecord) c.key().apply(record.key());
        GenericRecord value = (GenericRecord) c.value().apply(record.value());
        if (!Envelope.isEnvelopeSchema(record.valueSchema())) {
            return Optional.of(new ChangeRecord(record.topic(), key, value, null, null, null));
        }
        GenericRecord source = (GenericRecord) value.get("source");
        String table = source.get("schema") + "." + source.get("table");
        return Optional.of(new ChangeRecord(record.topic(), key, value, table, (String) value.get("op"), (Long) source.get("ts_ms")));
    }

    /** How many topics have a compiled mapping (for tests of the cache). */
    int cachedTopics() {
        return byTopic.size();
    }

    private Compiled compiled(SourceRecord record) {
        Compiled c = byTopic.get(record.topic());
        if (c != null && c.keyConnect() == record.keySchema() && c.valueConnect() == record.valueSchema()) {
            return c;
        }
        Function<Object, Object> key = record.keySchema() == null ? k -> null : ConnectToAvro.record(record.keySchema())::convert;
        Function<Object, Object> value = Envelope.isEnvelopeSchema(record.valueSchema())
                ? envelope(record.valueSchema())
                : ConnectToAvro.record(record.valueSchema())::convert;
        c = new Compiled(record.keySchema(), record.valueSchema(), key, value);
        byTopic.put(record.topic(), c);
        return c;
    }

    /** Compiles Debezium's envelope schema into the contract's envelope. */
    static Function<Object, Object> envelope(org.apache.kafka.connect.data.Schema debeziumEnvelope) {
        Field before = debeziumEnvelope.field(Envelope.FieldName.BEFORE);
        Field after = debeziumEnvelope.field(Envelope.FieldName.AFTER);
        Field op = debeziumEnvelope.field(Envelope.FieldName.OPERATION);
        Field tsMs = debeziumEnvelope.field(Envelope.FieldName.TIMESTAMP);
        Field source = debeziumEnvelope.field(Envelope.FieldName.SOURCE);
        Function<Struct, GenericRecord> sourceMapping = source(source.schema());
        ConnectToAvro.Mapping row = ConnectToAvro.record(after.schema());
        Schema envelope = EnvelopeSchemas.envelope(debeziumEnvelope.name(), row.schema());
        return v -> {
            Struct s = (Struct) v;
            GenericData.Record r = new GenericData.Record(envelope);
            r.put(0, row.convert(s.get(before)));
            r.put(1, row.convert(s.get(after)));
            r.put(2, sourceMapping.apply((Struct) s.get(source)));
            r.put(3, s.get(op));
            r.put(4, s.get(tsMs));
            return r;
        };
    }

    /** Debezium's PostgreSQL source block to {@code io.medallion.cdc.Source}, fields in its order. */
    private static Function<Struct, GenericRecord> source(org.apache.kafka.connect.data.Schema debeziumSource) {
        Field[] fields = {debeziumSource.field("db"), debeziumSource.field("schema"), debeziumSource.field("table"),
                debeziumSource.field("lsn"), debeziumSource.field("txId"), debeziumSource.field("ts_ms")};
        Field snapshot = debeziumSource.field("snapshot");
        return s -> {
            GenericData.Record r = new GenericData.Record(EnvelopeSchemas.SOURCE);
            for (int i = 0; i < fields.length; i++) {
                r.put(i, s.get(fields[i]));
            }
            Object marker = s.get(snapshot);
            r.put(6, marker == null ? "false" : marker.toString());
            return r;
        };
    }
}
