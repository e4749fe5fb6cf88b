package io.medallion.silver.source;

import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * Typed read access to one row image of a change envelope ({@code before} or {@code after}).
 *
 * <p>It accepts every representation a generic Avro decoder may produce for a column type of
 * cdc-envelope.md: text as {@code Utf8} or {@code String}, a decimal as bytes with its schema's
 * scale or as {@code BigDecimal}, an unconstrained {@code numeric} as decimal text, a timestamp
 * as epoch micros (or millis, per its logical type) or as {@code Instant}. A column missing from
 * the writer schema reads as null, so rows written before a column was added stay readable.
 * A value of an unusable type throws {@link ColumnTypeException}.
 */
public final class Row {

    private final GenericRecord record;
    /** Text columns converted once per row (rules and mapping read a column several times), by field position. */
    private String[] texts;

    public Row(GenericRecord record) {
        this.record = record;
    }

    public GenericRecord record() {
        return record;
    }

    /** The decoded value, or null when the column is null or absent from the writer schema. */
    public Object raw(String column) {
        Schema.Field field = record.getSchema().getField(column);
        return field == null ? null : record.get(field.pos());
    }

    /** Whether the column holds a value; blank text counts as no value. */
    public boolean isPresent(String column) {
        Object v = raw(column);
        if (v instanceof CharSequence) {
            return !text(column).isBlank();
        }
        return v != null;
    }

    public String text(String column) {
        Schema.Field field = record.getSchema().getField(column);
        Object v = field == null ? null : record.get(field.pos());
        if (v == null || v instanceof String) {
            return (String) v;
        }
        if (!(v instanceof CharSequence chars)) {
            throw new ColumnTypeException(column, "text", v);
        }
        if (texts == null) {
            texts = new String[record.getSchema().getFields().size()];
        }
        String s = texts[field.pos()];
        if (s == null) {
            s = chars.toString();
            texts[field.pos()] = s;
        }
        return s;
    }

    public Long longValue(String column) {
        Object v = raw(column);
        if (v == null) {
            return null;
        }
        if (v instanceof Long || v instanceof Integer) {
            return ((Number) v).longValue();
        }
        throw new ColumnTypeException(column, "a whole number", v);
    }

    public Integer intValue(String column) {
        Object v = raw(column);
        if (v == null) {
            return null;
        }
        if (v instanceof Integer i) {
            return i;
        }
        throw new ColumnTypeException(column, "an int", v);
    }

    public Boolean bool(String column) {
        Object v = raw(column);
        if (v == null || v instanceof Boolean) {
            return (Boolean) v;
        }
        throw new ColumnTypeException(column, "a boolean", v);
    }

    /** A number as an exact decimal: decimal bytes, decimal text, or a whole number. */
    public BigDecimal decimal(String column) {
        Object v = raw(column);
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof ByteBuffer bytes) {
            LogicalType logical = valueSchema(column).getLogicalType();
            if (!(logical instanceof LogicalTypes.Decimal decimal)) {
                throw new ColumnTypeException(column, "bytes with logical type decimal", v);
            }
            byte[] unscaled = new byte[bytes.remaining()];
            bytes.duplicate().get(unscaled);
            return new BigDecimal(new BigInteger(unscaled), decimal.getScale());
        }
        if (v instanceof CharSequence) {
            try {
                return new BigDecimal(text(column).trim());
            } catch (NumberFormatException e) {
                throw new ColumnTypeException(column, "a decimal number", e);
            }
        }
        if (v instanceof Long || v instanceof Integer) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        throw new ColumnTypeException(column, "a decimal number", v);
    }

    /** A point in time: {@code timestamp-micros} (the cdc default for a bare long), {@code -millis} or an Instant. */
    public Instant timestamp(String column) {
        Object v = raw(column);
        if (v == null) {
            return null;
        }
        if (v instanceof Instant i) {
            return i;
        }
        if (v instanceof Long epoch) {
            LogicalType logical = valueSchema(column).getLogicalType();
            boolean millis = logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.LocalTimestampMillis;
            return millis ? Instant.ofEpochMilli(epoch) : ofEpochMicros(epoch);
        }
        throw new ColumnTypeException(column, "a timestamp", v);
    }

    public static Instant ofEpochMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    /** The column's schema with a nullable union unwrapped. */
    private Schema valueSchema(String column) {
        Schema schema = record.getSchema().getField(column).schema();
        if (schema.getType() == Schema.Type.UNION) {
            for (Schema branch : schema.getTypes()) {
                if (branch.getType() != Schema.Type.NULL) {
                    return branch;
                }
            }
        }
        return schema;
    }
}
