package io.medallion.capture.avro;

import io.debezium.data.SpecialValueDecimal;
import io.debezium.data.VariableScaleDecimal;
import io.debezium.time.MicroTime;
import io.debezium.time.MicroTimestamp;
import io.debezium.time.NanoTime;
import io.debezium.time.NanoTimestamp;
import io.debezium.time.ZonedTimestamp;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns the Connect schemas Debezium's PostgreSQL connector produces into the Avro types of
 * docs/cdc-envelope.md, once per schema: the result pairs the Avro schema with a converter for
 * values of that schema, so converting a record does no schema work.
 *
 * <p>Debezium settings this mapping relies on: {@code decimal.handling.mode=precise},
 * {@code time.precision.mode=adaptive_time_microseconds} (the defaults).
 */
public final class ConnectToAvro {

    /** Debezium's parameter carrying {@code p} of {@code numeric(p,s)}. */
    static final String DECIMAL_PRECISION = "connect.decimal.precision";

    private ConnectToAvro() {
    }

    /** An Avro type and the function turning a (non-null) Connect value into its Avro value. */
    public record Mapping(Schema schema, Function<Object, Object> converter) {

        public Object convert(Object connectValue) {
            return connectValue == null ? null : converter.apply(connectValue);
        }
    }

    /** A Connect struct schema as an Avro record; its name becomes the record's full name. */
    public static Mapping record(org.apache.kafka.connect.data.Schema struct) {
        if (struct.type() != org.apache.kafka.connect.data.Schema.Type.STRUCT || struct.name() == null) {
            throw new IllegalArgumentException("expected a named struct schema, got " + struct);
        }
        List<Field> connectFields = struct.fields();
        List<Schema.Field> avroFields = new ArrayList<>(connectFields.size());
        @SuppressWarnings("unchecked")
        Function<Struct, Object>[] readers = new Function[connectFields.size()];
        @SuppressWarnings("unchecked")
        Function<Object, Object>[] converters = new Function[connectFields.size()];
        for (int i = 0; i < connectFields.size(); i++) {
            Field f = connectFields.get(i);
            Mapping m;
            try {
                m = type(f.schema());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("column '" + f.name() + "' of " + struct.name() + ": " + e.getMessage(), e);
            }
            // Struct.get(Field) is an array read but substitutes the DEFAULT for a null; a NULL
            // column must stay null, so columns with a default are read by name without it.
            readers[i] = f.schema().defaultValue() == null ? s -> s.get(f) : s -> s.getWithoutDefault(f.name());
            converters[i] = m.converter();
            avroFields.add(field(f, m));
        }
        Schema record = Schema.createRecord(simpleName(struct.name()), null, namespace(struct.name()), false, avroFields);
        return new Mapping(record, value -> {
            Struct s = (Struct) value;
            GenericData.Record r = new GenericData.Record(record);
            for (int i = 0; i < readers.length; i++) {
                Object v = readers[i].apply(s);
                r.put(i, v == null ? null : converters[i].apply(v));
            }
            return r;
        });
    }

    /** The Avro type of one Connect type (never a union: optionality is the field's business). */
    static Mapping type(org.apache.kafka.connect.data.Schema s) {
        String name = s.name();
        if (name != null) {
            Mapping semantic = semantic(s, name);
            if (semantic != null) {
                return semantic;
            }
        }
        return switch (s.type()) {
            case INT8 -> new Mapping(Schema.create(Schema.Type.INT), v -> ((Byte) v).intValue());
            case INT16 -> new Mapping(Schema.create(Schema.Type.INT), v -> ((Short) v).intValue());
            case INT32 -> new Mapping(Schema.create(Schema.Type.INT), Function.identity());
            case INT64 -> new Mapping(Schema.create(Schema.Type.LONG), Function.identity());
            case FLOAT32 -> new Mapping(Schema.create(Schema.Type.FLOAT), Function.identity());
            case FLOAT64 -> new Mapping(Schema.create(Schema.Type.DOUBLE), Function.identity());
            case BOOLEAN -> new Mapping(Schema.create(Schema.Type.BOOLEAN), Function.identity());
            case STRING -> new Mapping(Schema.create(Schema.Type.STRING), Function.identity());
            case BYTES -> new Mapping(Schema.create(Schema.Type.BYTES), ConnectToAvro::bytes);
            case STRUCT -> record(s);
            case ARRAY -> array(s);
            case MAP -> map(s);
        };
    }

    private static Mapping semantic(org.apache.kafka.connect.data.Schema s, String name) {
        return switch (name) {
            case ZonedTimestamp.SCHEMA_NAME -> new Mapping(timestampMicros(), v -> isoToMicros((String) v));
            case MicroTimestamp.SCHEMA_NAME -> new Mapping(localTimestampMicros(), Function.identity());
            case io.debezium.time.Timestamp.SCHEMA_NAME -> new Mapping(localTimestampMicros(), v -> Math.multiplyExact((Long) v, 1000L));
            case NanoTimestamp.SCHEMA_NAME -> new Mapping(localTimestampMicros(), v -> Math.floorDiv((Long) v, 1000L));
            case org.apache.kafka.connect.data.Timestamp.LOGICAL_NAME ->
                    new Mapping(localTimestampMicros(), v -> Math.multiplyExact(((java.util.Date) v).getTime(), 1000L));
            case io.debezium.time.Date.SCHEMA_NAME -> new Mapping(date(), Function.identity());
            case org.apache.kafka.connect.data.Date.LOGICAL_NAME ->
                    new Mapping(date(), v -> (int) Math.floorDiv(((java.util.Date) v).getTime(), 86_400_000L));
            case MicroTime.SCHEMA_NAME -> new Mapping(timeMicros(), Function.identity());
            case NanoTime.SCHEMA_NAME -> new Mapping(timeMicros(), v -> Math.floorDiv((Long) v, 1000L));
            case io.debezium.time.Time.SCHEMA_NAME -> new Mapping(timeMillis(), Function.identity());
            case org.apache.kafka.connect.data.Time.LOGICAL_NAME ->
                    new Mapping(timeMillis(), v -> (int) (((java.util.Date) v).getTime() % 86_400_000L));
            case Decimal.LOGICAL_NAME -> decimal(s);
            case VariableScaleDecimal.LOGICAL_NAME ->
                    new Mapping(Schema.create(Schema.Type.STRING), v -> plainText(VariableScaleDecimal.toLogical((Struct) v)));
            default -> null;
        };
    }

    /**
     * {@code numeric(p,s)} is an Avro decimal; a Connect decimal without a known precision (no
     * such type in the shop, e.g. {@code money}) has no fixed Avro decimal type and travels as text.
     */
    private static Mapping decimal(org.apache.kafka.connect.data.Schema s) {
        Map<String, String> params = s.parameters() == null ? Map.of() : s.parameters();
        int scale = Integer.parseInt(params.getOrDefault(Decimal.SCALE_FIELD, "0"));
        String precision = params.get(DECIMAL_PRECISION);
        if (precision == null) {
            return new Mapping(Schema.create(Schema.Type.STRING), v -> ((BigDecimal) v).toPlainString());
        }
        Schema bytes = LogicalTypes.decimal(Integer.parseInt(precision), scale).addToSchema(Schema.create(Schema.Type.BYTES));
        return new Mapping(bytes, v -> ByteBuffer.wrap(((BigDecimal) v).setScale(scale, RoundingMode.UNNECESSARY)
                .unscaledValue().toByteArray()));
    }

    private static Mapping array(org.apache.kafka.connect.data.Schema s) {
        Mapping element = type(s.valueSchema());
        Schema elementSchema = s.valueSchema().isOptional() ? nullable(element.schema()) : element.schema();
        return new Mapping(Schema.createArray(elementSchema), v -> {
            List<?> in = (List<?>) v;
            List<Object> out = new ArrayList<>(in.size());
            for (Object e : in) {
                out.add(e == null ? null : element.converter().apply(e));
            }
            return out;
        });
    }

    private static Mapping map(org.apache.kafka.connect.data.Schema s) {
        if (s.keySchema().type() != org.apache.kafka.connect.data.Schema.Type.STRING) {
            throw new IllegalArgumentException("maps with " + s.keySchema().type() + " keys have no Avro type");
        }
        Mapping value = type(s.valueSchema());
        Schema valueSchema = s.valueSchema().isOptional() ? nullable(value.schema()) : value.schema();
        return new Mapping(Schema.createMap(valueSchema), v -> {
            Map<?, ?> in = (Map<?, ?>) v;
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            in.forEach((k, e) -> out.put((String) k, e == null ? null : value.converter().apply(e)));
            return out;
        });
    }

    /**
     * A nullable column is {@code ["null", T]} with default null. A NOT NULL column with a literal
     * DEFAULT keeps that default, so adding such a column stays a BACKWARD-compatible change.
     */
    private static Schema.Field field(Field f, Mapping m) {
        if (f.schema().isOptional()) {
            return new Schema.Field(f.name(), nullable(m.schema()), null, JsonProperties.NULL_VALUE);
        }
        Object connectDefault = f.schema().defaultValue();
        if (connectDefault != null) {
            Object avroDefault = m.convert(connectDefault);
            if (avroDefault instanceof ByteBuffer b) {
                avroDefault = toArray(b);
            }
            if (avroDefault instanceof Number || avroDefault instanceof Boolean || avroDefault instanceof CharSequence
                    || avroDefault instanceof byte[]) {
                try {
                    return new Schema.Field(f.name(), m.schema(), null, avroDefault);
                } catch (AvroRuntimeException notRepresentable) {
                    // Fall through: the field is still exact, it only lacks a default.
                }
            }
        }
        return new Schema.Field(f.name(), m.schema(), null, (Object) null);
    }

    static Schema nullable(Schema s) {
        return Schema.createUnion(Schema.create(Schema.Type.NULL), s);
    }

    static String simpleName(String fullName) {
        int dot = fullName.lastIndexOf('.');
        return dot < 0 ? fullName : fullName.substring(dot + 1);
    }

    static String namespace(String fullName) {
        int dot = fullName.lastIndexOf('.');
        return dot < 0 ? null : fullName.substring(0, dot);
    }

    /**
     * Debezium's ISO-8601 text of a {@code timestamptz} as microseconds since the epoch. PostgreSQL's
     * {@code infinity} values become the extremes of the type.
     */
    static long isoToMicros(String iso) {
        switch (iso) {
            case "infinity":
                return Long.MAX_VALUE;
            case "-infinity":
                return Long.MIN_VALUE;
            default:
                long fast = utcIsoToMicros(iso);
                if (fast != NOT_UTC_ISO) {
                    return fast;
                }
                Instant instant = DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(iso, Instant::from);
                return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L),
                        instant.getLong(java.time.temporal.ChronoField.MICRO_OF_SECOND));
        }
    }

    static final long NOT_UTC_ISO = Long.MIN_VALUE + 1;

    /**
     * The hot path of {@link #isoToMicros}: Debezium writes every {@code timestamptz} in UTC as
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}; reading that by hand costs a fraction of a
     * {@link DateTimeFormatter} parse. Anything else returns {@link #NOT_UTC_ISO}.
     */
    static long utcIsoToMicros(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
            return NOT_UTC_ISO;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        long micros = 0;
        if (n > 20) {
            if (s.charAt(19) != '.' || n - 21 > 9 || n == 21) {
                return NOT_UTC_ISO;
            }
            int fraction = digits(s, 20, n - 1);
            int scale = n - 21;
            if (fraction < 0) {
                return NOT_UTC_ISO;
            }
            micros = scale <= 6 ? fraction * POW10[6 - scale] : fraction / POW10[scale - 6];
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59) {
            return NOT_UTC_ISO;
        }
        long days = java.time.LocalDate.of(year, month, day).toEpochDay();
        return ((days * 24 + hour) * 60 + minute) * 60_000_000L + second * 1_000_000L + micros;
    }

    private static final int[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000};

    /** The decimal number in {@code s[from, to)}, or -1 when a character is not a digit. */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Plain decimal text; the special values in PostgreSQL's own spelling. */
    static String plainText(SpecialValueDecimal d) {
        if (d.getDecimalValue().isPresent()) {
            return d.getDecimalValue().get().toPlainString();
        }
        if (SpecialValueDecimal.POSITIVE_INF.equals(d)) {
            return "Infinity";
        }
        return SpecialValueDecimal.NEGATIVE_INF.equals(d) ? "-Infinity" : "NaN";
    }

    private static Object bytes(Object v) {
        return v instanceof byte[] b ? ByteBuffer.wrap(b) : v;
    }

    private static byte[] toArray(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private static Schema timestampMicros() {
        return LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
    }

    private static Schema localTimestampMicros() {
        return LogicalTypes.localTimestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
    }

    private static Schema date() {
        return LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
    }

    private static Schema timeMicros() {
        return LogicalTypes.timeMicros().addToSchema(Schema.create(Schema.Type.LONG));
    }

    private static Schema timeMillis() {
        return LogicalTypes.timeMillis().addToSchema(Schema.create(Schema.Type.INT));
    }
}
