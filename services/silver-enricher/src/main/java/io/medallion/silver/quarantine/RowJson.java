package io.medallion.silver.quarantine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.medallion.silver.pii.PiiKind;
import io.medallion.silver.pii.PiiTokenizer;
import io.medallion.silver.source.Row;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;

/**
 * Renders a source row or key as JSON for quarantine: one member per column in schema order,
 * decimals as JSON numbers, timestamps as ISO-8601 UTC, dates as ISO dates. Personal-data
 * columns are rendered as {@code "token:<hmac>"} so the JSON never holds them in clear yet
 * still shows which person a bad row belongs to.
 */
public final class RowJson {

    private static final JsonFactory JSON = new JsonFactory();

    private final Map<String, PiiKind> personalColumns;
    private final PiiTokenizer tokenizer;

    public RowJson(Map<String, PiiKind> personalColumns, PiiTokenizer tokenizer) {
        this.personalColumns = Map.copyOf(personalColumns);
        this.tokenizer = tokenizer;
    }

    /** For rows without personal data, e.g. keys. */
    public static String plain(GenericRecord record) {
        return new RowJson(Map.of(), null).render(record);
    }

    public String render(GenericRecord record) {
        if (record == null) {
            return "null";
        }
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            writeRecord(g, record, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render a row as JSON", e);
        }
        return out.toString();
    }

    private void writeRecord(JsonGenerator g, GenericRecord record, boolean top) throws IOException {
        g.writeStartObject();
        for (Schema.Field field : record.getSchema().getFields()) {
            g.writeFieldName(field.name());
            Object value = record.get(field.pos());
            PiiKind personal = top ? personalColumns.get(field.name()) : null;
            if (personal != null && value != null) {
                String token = tokenizer.token(personal, value.toString());
                if (token == null) {
                    g.writeNull();
                } else {
                    g.writeString("token:" + token);
                }
            } else {
                writeValue(g, value, field.schema());
            }
        }
        g.writeEndObject();
    }

    private void writeValue(JsonGenerator g, Object value, Schema schema) throws IOException {
        if (value == null) {
            g.writeNull();
            return;
        }
        Schema type = branchFor(value, schema);
        LogicalType logical = type.getLogicalType();
        if (value instanceof GenericRecord nested) {
            writeRecord(g, nested, false);
        } else if (value instanceof CharSequence s) {
            g.writeString(s.toString());
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (value instanceof ByteBuffer bytes) {
            byte[] raw = new byte[bytes.remaining()];
            bytes.duplicate().get(raw);
            if (logical instanceof LogicalTypes.Decimal decimal) {
                g.writeNumber(new BigDecimal(new BigInteger(raw), decimal.getScale()));
            } else {
                g.writeString(Base64.getEncoder().encodeToString(raw));
            }
        } else if (value instanceof Long l && logical instanceof LogicalTypes.TimestampMicros) {
            g.writeString(Row.ofEpochMicros(l).toString());
        } else if (value instanceof Long l && logical instanceof LogicalTypes.TimestampMillis) {
            g.writeString(Instant.ofEpochMilli(l).toString());
        } else if (value instanceof Integer i && logical instanceof LogicalTypes.Date) {
            g.writeString(LocalDate.ofEpochDay(i).toString());
        } else if (value instanceof Integer i) {
            g.writeNumber(i);
        } else if (value instanceof Long l) {
            g.writeNumber(l);
        } else if (value instanceof Double d) {
            g.writeNumber(d);
        } else if (value instanceof Float f) {
            g.writeNumber(f);
        } else if (value instanceof Collection<?> items) {
            g.writeStartArray();
            for (Object item : items) {
                writeValue(g, item, type.getType() == Schema.Type.ARRAY ? type.getElementType() : type);
            }
            g.writeEndArray();
        } else {
            g.writeString(value.toString());
        }
    }

    /** The branch of a nullable union the value belongs to (the only non-null one in cdc rows). */
    private static Schema branchFor(Object value, Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        for (Schema branch : schema.getTypes()) {
            if (branch.getType() != Schema.Type.NULL) {
                return branch;
            }
        }
        return schema;
    }
}
