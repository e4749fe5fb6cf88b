package io.medallion.sink.delta;

import io.delta.standalone.types.ArrayType;
import io.delta.standalone.types.BinaryType;
import io.delta.standalone.types.BooleanType;
import io.delta.standalone.types.DataType;
import io.delta.standalone.types.DateType;
import io.delta.standalone.types.DecimalType;
import io.delta.standalone.types.DoubleType;
import io.delta.standalone.types.FloatType;
import io.delta.standalone.types.IntegerType;
import io.delta.standalone.types.LongType;
import io.delta.standalone.types.MapType;
import io.delta.standalone.types.StringType;
import io.delta.standalone.types.StructField;
import io.delta.standalone.types.StructType;
import io.delta.standalone.types.TimestampType;
import io.medallion.sink.schema.Column;
import io.medallion.sink.schema.ColumnType;

import java.util.Arrays;
import java.util.List;

/** Column types to Delta Standalone types and back. Every Delta field is nullable. */
final class DeltaSchemas {

    private DeltaSchemas() {
    }

    static StructType toDelta(List<Column> columns) {
        return new StructType(columns.stream()
                .map(c -> new StructField(c.name(), toDelta(c.type()), true))
                .toArray(StructField[]::new));
    }

    static DataType toDelta(ColumnType type) {
        if (type instanceof ColumnType.Primitive p) {
            return switch (p) {
                case STRING -> new StringType();
                case LONG -> new LongType();
                case INT -> new IntegerType();
                case BOOLEAN -> new BooleanType();
                case DOUBLE -> new DoubleType();
                case FLOAT -> new FloatType();
                case BINARY -> new BinaryType();
                case DATE -> new DateType();
                case TIMESTAMP -> new TimestampType();
            };
        } else if (type instanceof ColumnType.Decimal d) {
            return new DecimalType(d.precision(), d.scale());
        } else if (type instanceof ColumnType.ArrayOf a) {
            return new ArrayType(toDelta(a.element()), true);
        } else if (type instanceof ColumnType.MapOf m) {
            return new MapType(toDelta(m.key()), toDelta(m.value()), true);
        }
        return toDelta(((ColumnType.Struct) type).fields());
    }

    static List<Column> fromDelta(StructType struct) {
        return Arrays.stream(struct.getFields())
                .map(f -> Column.optional(f.getName(), fromDelta(f.getDataType())))
                .toList();
    }

    static ColumnType fromDelta(DataType t) {
        if (t instanceof StringType) {
            return ColumnType.Primitive.STRING;
        } else if (t instanceof LongType) {
            return ColumnType.Primitive.LONG;
        } else if (t instanceof IntegerType) {
            return ColumnType.Primitive.INT;
        } else if (t instanceof BooleanType) {
            return ColumnType.Primitive.BOOLEAN;
        } else if (t instanceof DoubleType) {
            return ColumnType.Primitive.DOUBLE;
        } else if (t instanceof FloatType) {
            return ColumnType.Primitive.FLOAT;
        } else if (t instanceof BinaryType) {
            return ColumnType.Primitive.BINARY;
        } else if (t instanceof DateType) {
            return ColumnType.Primitive.DATE;
        } else if (t instanceof TimestampType) {
            return ColumnType.Primitive.TIMESTAMP;
        } else if (t instanceof DecimalType d) {
            return new ColumnType.Decimal(d.getPrecision(), d.getScale());
        } else if (t instanceof ArrayType a) {
            return new ColumnType.ArrayOf(fromDelta(a.getElementType()));
        } else if (t instanceof MapType m) {
            return new ColumnType.MapOf(fromDelta(m.getKeyType()), fromDelta(m.getValueType()));
        } else if (t instanceof StructType s) {
            return new ColumnType.Struct(fromDelta(s));
        }
        throw new IllegalArgumentException("the sink does not write Delta type " + t.getTypeName());
    }
}
