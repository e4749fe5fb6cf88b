package io.medallion.sink.schema;

import java.util.List;

/**
 * The column types a sink table can hold, independent of the Delta writer library. Values in
 * rows use one Java representation per type (see {@link Primitive}); the Parquet writer, the
 * statistics and the Delta adapter all rely on it.
 */
public sealed interface ColumnType
        permits ColumnType.Primitive, ColumnType.Decimal, ColumnType.ArrayOf, ColumnType.MapOf, ColumnType.Struct {

    /** Scalar types with their row value class. */
    enum Primitive implements ColumnType {
        /** {@link String}. */
        STRING,
        /** {@link Long}. */
        LONG,
        /** {@link Integer}. */
        INT,
        /** {@link Boolean}. */
        BOOLEAN,
        /** {@link Double}. */
        DOUBLE,
        /** {@link Float}. */
        FLOAT,
        /** {@code byte[]}. */
        BINARY,
        /** {@link Integer}: days since 1970-01-01. */
        DATE,
        /** {@link Long}: microseconds since the epoch, UTC. */
        TIMESTAMP
    }

    /** {@link java.math.BigDecimal} with exactly this scale. */
    record Decimal(int precision, int scale) implements ColumnType {
        public Decimal {
            if (precision < 1 || precision > 38 || scale < 0 || scale > precision) {
                throw new IllegalArgumentException("decimal(" + precision + "," + scale + ") is outside 1 <= scale <= precision <= 38");
            }
        }
    }

    /** {@link java.util.List}; elements may be null. */
    record ArrayOf(ColumnType element) implements ColumnType {
    }

    /** {@link java.util.Map} with non-null keys; values may be null. */
    record MapOf(ColumnType key, ColumnType value) implements ColumnType {
    }

    /** {@code Object[]} in field order. */
    record Struct(List<Column> fields) implements ColumnType {
        public Struct {
            fields = List.copyOf(fields);
        }
    }

    /** Readable form used in error messages: {@code decimal(12,2)}, {@code array<string>}. */
    static String describe(ColumnType type) {
        if (type instanceof Primitive p) {
            return p.name().toLowerCase(java.util.Locale.ROOT);
        } else if (type instanceof Decimal d) {
            return "decimal(" + d.precision() + "," + d.scale() + ")";
        } else if (type instanceof ArrayOf a) {
            return "array<" + describe(a.element()) + ">";
        } else if (type instanceof MapOf m) {
            return "map<" + describe(m.key()) + "," + describe(m.value()) + ">";
        }
        Struct s = (Struct) type;
        return "struct<" + String.join(",", s.fields().stream()
                .map(f -> f.name() + ":" + describe(f.type())).toList()) + ">";
    }
}
