package io.medallion.sink;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

import java.util.Map;

/** Change envelopes as docs/cdc-envelope.md fixes them, for tests. */
public final class Envelopes {

    private Envelopes() {
    }

    /**
     * The envelope schema of {@code cdc.shop.<table>} whose row has the given fields (JSON field
     * definitions, e.g. {@code {"name":"id","type":"long"}}).
     */
    public static Schema schema(String table, String... rowFields) {
        String ns = "cdc.shop." + table;
        return new Schema.Parser().parse("""
                {"type":"record","name":"Envelope","namespace":"%1$s","fields":[
                  {"name":"before","type":["null",{"type":"record","name":"Value","fields":[%2$s]}],"default":null},
                  {"name":"after","type":["null","Value"],"default":null},
                  {"name":"source","type":{"type":"record","name":"Source","namespace":"io.medallion.cdc","fields":[
                    {"name":"db","type":"string"},{"name":"schema","type":"string"},{"name":"table","type":"string"},
                    {"name":"lsn","type":["null","long"]},{"name":"tx_id","type":["null","long"]},
                    {"name":"ts_ms","type":"long"},{"name":"snapshot","type":"string"}]}},
                  {"name":"op","type":"string"},
                  {"name":"ts_ms","type":["null","long"],"default":null}
                ]}""".formatted(ns, String.join(",", rowFields)));
    }

    public static Schema rowSchema(Schema envelope) {
        return envelope.getField("after").schema().getTypes().get(1);
    }

    /** A change: {@code row} is the after image (the before image for {@code op = d}). */
    public static GenericRecord change(Schema envelope, String op, Map<String, Object> row, long lsn, long txId, long commitMs) {
        GenericRecord value = new GenericData.Record(rowSchema(envelope));
        row.forEach(value::put);
        GenericRecord source = new GenericData.Record(envelope.getField("source").schema());
        source.put("db", "shop");
        source.put("schema", "shop");
        source.put("table", envelope.getNamespace().substring("cdc.shop.".length()));
        source.put("lsn", lsn);
        source.put("tx_id", txId);
        source.put("ts_ms", commitMs);
        source.put("snapshot", "false");
        GenericRecord e = new GenericData.Record(envelope);
        e.put("op", op);
        e.put("d".equals(op) ? "before" : "after", value);
        if ("u".equals(op)) {
            e.put("before", value);
        }
        e.put("source", source);
        e.put("ts_ms", commitMs + 5);
        return e;
    }
}
