package io.medallion.sink.schema;

import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts one Avro value into the row representation of its {@link ColumnType}. Built once per
 * schema and reused for every record: the per-value work is a switch-free chain of lambdas.
 * Accepts both raw Avro values (long, ByteBuffer) and values with logical-type conversions
 * applied (Instant, BigDecimal, LocalDate), as specific records carry the latter.
 */
@FunctionalInterface
public interface AvroValueConverter {

    Object convert(Object avroValue);

    static AvroValueConverter forSchema(Schema schema) {
        if (schema.getType() == Schema.Type.UNION) {
            AvroValueConverter inner = forSchema(AvroSchemaMapper.nonNull(schema, "value"));
            return v -> v == null ? null : inner.convert(v);
        }
        AvroValueConverter c = nonNullConverter(schema);
        return v -> v == null ? null : c.convert(v);
    }

    private static AvroValueConverter nonNullConverter(Schema s) {
        LogicalType logical = s.getLogicalType();
        if (logical instanceof LogicalTypes.Decimal d) {
            int scale = d.getScale();
            return v -> decimal(v, scale);
        }
        if (logical != null) {
            switch (logical.getName()) {
                case "timestamp-millis", "local-timestamp-millis" -> {
                    return v -> v instanceof Long l ? Math.multiplyExact(l, 1000L) : temporalMicros(v);
                }
                case "timestamp-micros", "local-timestamp-micros" -> {
                    return v -> v instanceof Long l ? l : temporalMicros(v);
                }
                case "timestamp-nanos", "local-timestamp-nanos" -> {
                    return v -> v instanceof Long l ? Math.floorDiv(l, 1000L) : temporalMicros(v);
                }
                case "date" -> {
                    return v -> v instanceof LocalDate d ? (int) d.toEpochDay() : (Integer) v;
                }
                case "time-millis" -> {
                    return v -> v instanceof LocalTime t ? (int) (t.toNanoOfDay() / 1_000_000L) : (Integer) v;
                }
                case "time-micros" -> {
                    return v -> v instanceof LocalTime t ? t.toNanoOfDay() / 1_000L : (Long) v;
                }
                default -> {
                    // uuid: a string (or java.util.UUID with conversions)
                }
            }
        }
        return switch (s.getType()) {
            case STRING, ENUM -> Object::toString;
            case LONG, INT, BOOLEAN, DOUBLE, FLOAT -> v -> v;
            case BYTES -> v -> bytes((ByteBuffer) v);
            case FIXED -> v -> ((GenericFixed) v).bytes().clone();
            case ARRAY -> {
                AvroValueConverter element = forSchema(s.getElementType());
                yield v -> {
                    Collection<?> in = (Collection<?>) v;
                    List<Object> out = new ArrayList<>(in.size());
                    for (Object e : in) {
                        out.add(element.convert(e));
                    }
                    return out;
                };
            }
            case MAP -> {
                AvroValueConverter value = forSchema(s.getValueType());
                yield v -> {
                    Map<?, ?> in = (Map<?, ?>) v;
                    Map<String, Object> out = new LinkedHashMap<>();
                    in.forEach((k, e) -> out.put(k.toString(), value.convert(e)));
                    return out;
                };
            }
            case RECORD -> {
                List<Schema.Field> fields = s.getFields();
                AvroValueConverter[] each = fields.stream().map(f -> forSchema(f.schema())).toArray(AvroValueConverter[]::new);
                yield v -> {
                    IndexedRecord r = (IndexedRecord) v;
                    Object[] out = new Object[each.length];
                    for (int i = 0; i < each.length; i++) {
                        out[i] = each[i].convert(r.get(i));
                    }
                    return out;
                };
            }
            case NULL, UNION -> throw new UnmappableSchemaException("no column type for " + s);
        };
    }

    private static long temporalMicros(Object v) {
        if (v instanceof Instant i) {
            return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1_000L);
        }
        if (v instanceof LocalDateTime t) {
            return ChronoUnit.MICROS.between(Instant.EPOCH, t.toInstant(ZoneOffset.UTC));
        }
        throw new IllegalArgumentException("not a timestamp: " + v.getClass().getName());
    }

    private static BigDecimal decimal(Object v, int scale) {
        BigDecimal d;
        if (v instanceof BigDecimal b) {
            d = b;
        } else if (v instanceof ByteBuffer bb) {
            d = new BigDecimal(new BigInteger(bytes(bb)), scale);
        } else if (v instanceof GenericFixed f) {
            d = new BigDecimal(new BigInteger(f.bytes()), scale);
        } else {
            throw new IllegalArgumentException("not a decimal: " + v.getClass().getName());
        }
        // A value with more fractional digits than the column holds is a mapping error, not rounded.
        return d.setScale(scale, RoundingMode.UNNECESSARY);
    }

    private static byte[] bytes(ByteBuffer bb) {
        ByteBuffer b = bb.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
