package io.medallion.sink.schema;

import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Avro schema to table columns. Logical types become proper column types: timestamp-millis,
 * -micros, -nanos and the local-timestamp variants become {@code timestamp} (microseconds; a
 * local timestamp is read as UTC wall-clock time), date becomes {@code date}, decimal keeps its
 * precision and scale, enums become strings, arrays, maps and records become array, map and
 * struct. A nullable union {@code ["null", T]} is the column type of {@code T}. Fields of nested
 * structs are all optional: only top-level columns carry the source's optionality, which decides
 * whether they may be added to an existing table.
 */
public final class AvroSchemaMapper {

    private AvroSchemaMapper() {
    }

    /** The columns of a record schema, in field order. */
    public static List<Column> columns(Schema record) {
        if (record.getType() != Schema.Type.RECORD) {
            throw new UnmappableSchemaException("expected a record schema, got " + record.getType());
        }
        List<Column> out = new ArrayList<>();
        for (Schema.Field f : record.getFields()) {
            out.add(new Column(f.name(), type(f.schema(), f.name()), isOptional(f)));
        }
        return out;
    }

    /** True when a reader may meet the field absent: it is nullable or has a default. */
    public static boolean isOptional(Schema.Field f) {
        return f.hasDefaultValue() || nonNull(f.schema(), f.name()) != f.schema();
    }

    /** The column type of a (possibly nullable) schema; {@code where} names it in errors. */
    public static ColumnType type(Schema schema, String where) {
        Schema s = nonNull(schema, where);
        LogicalType logical = s.getLogicalType();
        if (logical instanceof LogicalTypes.Decimal d) {
            return new ColumnType.Decimal(d.getPrecision(), d.getScale());
        }
        if (logical != null) {
            switch (logical.getName()) {
                case "timestamp-millis", "timestamp-micros", "timestamp-nanos",
                     "local-timestamp-millis", "local-timestamp-micros", "local-timestamp-nanos" -> {
                    return ColumnType.Primitive.TIMESTAMP;
                }
                case "date" -> {
                    return ColumnType.Primitive.DATE;
                }
                default -> {
                    // uuid, time-millis, time-micros: the underlying type carries the value
                }
            }
        }
        return switch (s.getType()) {
            case STRING, ENUM -> ColumnType.Primitive.STRING;
            case LONG -> ColumnType.Primitive.LONG;
            case INT -> ColumnType.Primitive.INT;
            case BOOLEAN -> ColumnType.Primitive.BOOLEAN;
            case DOUBLE -> ColumnType.Primitive.DOUBLE;
            case FLOAT -> ColumnType.Primitive.FLOAT;
            case BYTES, FIXED -> ColumnType.Primitive.BINARY;
            case ARRAY -> new ColumnType.ArrayOf(type(s.getElementType(), where + "[]"));
            case MAP -> new ColumnType.MapOf(ColumnType.Primitive.STRING, type(s.getValueType(), where + "{}"));
            case RECORD -> new ColumnType.Struct(columns(s).stream()
                    .map(c -> Column.optional(c.name(), c.type())).toList());
            case NULL -> throw new UnmappableSchemaException("field '" + where + "' is always null");
            case UNION -> throw new UnmappableSchemaException("field '" + where + "' is a union of several non-null types "
                    + s.getTypes() + "; only [\"null\", T] maps to a column");
        };
    }

    /** {@code T} of {@code ["null", T]}, or the schema itself when it is not a union. */
    static Schema nonNull(Schema schema, String where) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        List<Schema> branches = schema.getTypes().stream().filter(b -> b.getType() != Schema.Type.NULL).toList();
        if (branches.size() != 1) {
            throw new UnmappableSchemaException("field '" + where + "' is a union of several non-null types "
                    + branches.stream().map(Schema::getType).toList() + "; only [\"null\", T] maps to a column");
        }
        return branches.get(0);
    }
}
