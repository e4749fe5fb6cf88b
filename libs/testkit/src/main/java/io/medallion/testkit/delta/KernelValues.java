package io.medallion.testkit.delta;

import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts one value of a Kernel column vector to a plain Java value:
 *
 * <table>
 *   <caption>Kernel type to Java type</caption>
 *   <tr><td>string</td><td>String</td></tr>
 *   <tr><td>long, integer, short, byte</td><td>Long, Integer, Short, Byte</td></tr>
 *   <tr><td>double, float</td><td>Double, Float</td></tr>
 *   <tr><td>boolean</td><td>Boolean</td></tr>
 *   <tr><td>decimal(p, s)</td><td>BigDecimal with scale s</td></tr>
 *   <tr><td>timestamp (microseconds, UTC)</td><td>Instant</td></tr>
 *   <tr><td>timestamp_ntz (microseconds)</td><td>LocalDateTime</td></tr>
 *   <tr><td>date (days since epoch)</td><td>LocalDate</td></tr>
 *   <tr><td>binary</td><td>byte[]</td></tr>
 *   <tr><td>array</td><td>unmodifiable List</td></tr>
 *   <tr><td>map</td><td>unmodifiable Map in file order</td></tr>
 *   <tr><td>struct</td><td>unmodifiable Map of field name to value, in schema order</td></tr>
 * </table>
 * SQL nulls become {@code null}. Other types (variant, geometry, ...) are rejected by name.
 */
public final class KernelValues {

    private static final long MICROS_PER_SECOND = 1_000_000L;

    private KernelValues() {
    }

    public static Object toJava(ColumnVector vector, int row) {
        if (vector.isNullAt(row)) {
            return null;
        }
        DataType type = vector.getDataType();
        if (type instanceof StringType) {
            return vector.getString(row);
        } else if (type instanceof LongType) {
            return vector.getLong(row);
        } else if (type instanceof IntegerType) {
            return vector.getInt(row);
        } else if (type instanceof ShortType) {
            return vector.getShort(row);
        } else if (type instanceof ByteType) {
            return vector.getByte(row);
        } else if (type instanceof DoubleType) {
            return vector.getDouble(row);
        } else if (type instanceof FloatType) {
            return vector.getFloat(row);
        } else if (type instanceof BooleanType) {
            return vector.getBoolean(row);
        } else if (type instanceof DecimalType) {
            return vector.getDecimal(row);
        } else if (type instanceof TimestampType) {
            return instantOfMicros(vector.getLong(row));
        } else if (type instanceof TimestampNTZType) {
            return LocalDateTime.ofInstant(instantOfMicros(vector.getLong(row)), ZoneOffset.UTC);
        } else if (type instanceof DateType) {
            return LocalDate.ofEpochDay(vector.getInt(row));
        } else if (type instanceof BinaryType) {
            return vector.getBinary(row);
        } else if (type instanceof ArrayType) {
            return list(vector.getArray(row));
        } else if (type instanceof MapType) {
            return map(vector.getMap(row));
        } else if (type instanceof StructType struct) {
            return struct(struct, vector, row);
        }
        throw new IllegalArgumentException("no Java conversion for Delta type " + type);
    }

    static Instant instantOfMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND),
                Math.floorMod(micros, MICROS_PER_SECOND) * 1_000L);
    }

    private static List<Object> list(ArrayValue array) {
        ColumnVector elements = array.getElements();
        List<Object> out = new ArrayList<>(array.getSize());
        for (int i = 0; i < array.getSize(); i++) {
            out.add(toJava(elements, i));
        }
        return Collections.unmodifiableList(out);
    }

    private static Map<Object, Object> map(MapValue map) {
        ColumnVector keys = map.getKeys();
        ColumnVector values = map.getValues();
        Map<Object, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < map.getSize(); i++) {
            out.put(toJava(keys, i), toJava(values, i));
        }
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, Object> struct(StructType type, ColumnVector vector, int row) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<StructField> fields = type.fields();
        for (int i = 0; i < fields.size(); i++) {
            out.put(fields.get(i).getName(), toJava(vector.getChild(i), row));
        }
        return Collections.unmodifiableMap(out);
    }
}
