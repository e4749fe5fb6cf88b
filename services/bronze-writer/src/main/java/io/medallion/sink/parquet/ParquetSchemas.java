package io.medallion.sink.parquet;

import io.medallion.sink.schema.Column;
import io.medallion.sink.schema.ColumnType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

import java.util.List;

/**
 * Column types to Parquet types, as Spark and Delta write them: timestamps as INT64
 * TIMESTAMP(MICROS, UTC), dates as INT32 DATE, decimals as INT32/INT64/FIXED by precision,
 * lists and maps in the standard three-level layout. Every field is optional.
 */
public final class ParquetSchemas {

    static final String LIST_GROUP = "list";
    static final String LIST_ELEMENT = "element";
    static final String MAP_GROUP = "key_value";
    static final String MAP_KEY = "key";
    static final String MAP_VALUE = "value";

    private ParquetSchemas() {
    }

    public static MessageType messageType(List<Column> columns) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (Column c : columns) {
            b.addField(field(c.name(), c.type(), Type.Repetition.OPTIONAL));
        }
        return b.named("spark_schema");
    }

    static Type field(String name, ColumnType type, Type.Repetition repetition) {
        if (type instanceof ColumnType.Primitive p) {
            return primitive(name, p, repetition);
        } else if (type instanceof ColumnType.Decimal d) {
            return decimal(name, d, repetition);
        } else if (type instanceof ColumnType.ArrayOf a) {
            return Types.buildGroup(repetition).as(LogicalTypeAnnotation.listType())
                    .addField(Types.repeatedGroup()
                            .addField(field(LIST_ELEMENT, a.element(), Type.Repetition.OPTIONAL))
                            .named(LIST_GROUP))
                    .named(name);
        } else if (type instanceof ColumnType.MapOf m) {
            return Types.buildGroup(repetition).as(LogicalTypeAnnotation.mapType())
                    .addField(Types.repeatedGroup()
                            .addField(field(MAP_KEY, m.key(), Type.Repetition.REQUIRED))
                            .addField(field(MAP_VALUE, m.value(), Type.Repetition.OPTIONAL))
                            .named(MAP_GROUP))
                    .named(name);
        }
        Types.GroupBuilder<org.apache.parquet.schema.GroupType> g = Types.buildGroup(repetition);
        for (Column f : ((ColumnType.Struct) type).fields()) {
            g.addField(field(f.name(), f.type(), Type.Repetition.OPTIONAL));
        }
        return g.named(name);
    }

    private static Type primitive(String name, ColumnType.Primitive p, Type.Repetition r) {
        return switch (p) {
            case STRING -> Types.primitive(PrimitiveTypeName.BINARY, r).as(LogicalTypeAnnotation.stringType()).named(name);
            case LONG -> Types.primitive(PrimitiveTypeName.INT64, r).named(name);
            case INT -> Types.primitive(PrimitiveTypeName.INT32, r).named(name);
            case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, r).named(name);
            case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, r).named(name);
            case FLOAT -> Types.primitive(PrimitiveTypeName.FLOAT, r).named(name);
            case BINARY -> Types.primitive(PrimitiveTypeName.BINARY, r).named(name);
            case DATE -> Types.primitive(PrimitiveTypeName.INT32, r).as(LogicalTypeAnnotation.dateType()).named(name);
            case TIMESTAMP -> Types.primitive(PrimitiveTypeName.INT64, r)
                    .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(name);
        };
    }

    private static Type decimal(String name, ColumnType.Decimal d, Type.Repetition r) {
        LogicalTypeAnnotation a = LogicalTypeAnnotation.decimalType(d.scale(), d.precision());
        if (d.precision() <= 9) {
            return Types.primitive(PrimitiveTypeName.INT32, r).as(a).named(name);
        }
        if (d.precision() <= 18) {
            return Types.primitive(PrimitiveTypeName.INT64, r).as(a).named(name);
        }
        return Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, r).length(decimalBytes(d.precision())).as(a).named(name);
    }

    /** Smallest two's-complement byte width holding every unscaled value of this precision. */
    static int decimalBytes(int precision) {
        int bytes = 1;
        while (Math.pow(2, 8 * bytes - 1) < Math.pow(10, precision)) {
            bytes++;
        }
        return bytes;
    }
}
