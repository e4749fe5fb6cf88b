package io.medallion.capture.avro;

import io.debezium.data.Json;
import io.debezium.data.SpecialValueDecimal;
import io.debezium.data.Uuid;
import io.debezium.data.VariableScaleDecimal;
import io.debezium.time.MicroTimestamp;
import io.debezium.time.ZonedTimestamp;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectToAvroTest {

    /** A row shaped like Debezium's for a table with every column type of the contract. */
    private static final org.apache.kafka.connect.data.Schema ROW = SchemaBuilder.struct().name("cdc.shop.things.Value")
            .field("id", org.apache.kafka.connect.data.Schema.INT64_SCHEMA)
            .field("small", SchemaBuilder.int16().optional().build())
            .field("qty", SchemaBuilder.int32().optional().build())
            .field("active", SchemaBuilder.bool().defaultValue(true).build())
            .field("name", SchemaBuilder.string().optional().build())
            .field("price", Decimal.builder(2).parameter(ConnectToAvro.DECIMAL_PRECISION, "12").build())
            .field("raw_price", VariableScaleDecimal.builder().optional().build())
            .field("ts", ZonedTimestamp.builder().optional().build())
            .field("local_ts", MicroTimestamp.builder().optional().build())
            .field("day", io.debezium.time.Date.builder().optional().build())
            .field("ratio", SchemaBuilder.float64().optional().build())
            .field("weight", SchemaBuilder.float32().optional().build())
            .field("ref", Uuid.builder().optional().build())
            .field("doc", Json.builder().optional().build())
            .field("currency", SchemaBuilder.string().defaultValue("EUR").build())
            .build();

    private static final ConnectToAvro.Mapping MAPPING = ConnectToAvro.record(ROW);
    private static final Schema AVRO = MAPPING.schema();

    @Test
    void rowRecordIsNamedAfterTheConnectSchema() {
        assertThat(AVRO.getFullName()).isEqualTo("cdc.shop.things.Value");
        assertThat(AVRO.getFields()).extracting(Schema.Field::name).containsExactly(
                "id", "small", "qty", "active", "name", "price", "raw_price", "ts", "local_ts", "day", "ratio",
                "weight", "ref", "doc", "currency");
    }

    @Test
    void nullableColumnsAreUnionsWithNullDefault() {
        Schema.Field qty = AVRO.getField("qty");
        assertThat(qty.schema().getType()).isEqualTo(Schema.Type.UNION);
        assertThat(qty.schema().getTypes()).extracting(Schema::getType).containsExactly(Schema.Type.NULL, Schema.Type.INT);
        assertThat(qty.hasDefaultValue()).isTrue();
        assertThat(qty.defaultVal()).isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE);
        assertThat(AVRO.getField("id").schema().getType()).isEqualTo(Schema.Type.LONG);
        assertThat(AVRO.getField("id").hasDefaultValue()).isFalse();
    }

    @Test
    void notNullColumnsKeepALiteralDefault() {
        assertThat(AVRO.getField("currency").defaultVal()).isEqualTo("EUR");
        assertThat(AVRO.getField("active").defaultVal()).isEqualTo(true);
    }

    @Test
    void typesFollowTheContract() {
        assertThat(type("small")).isEqualTo(Schema.Type.INT);
        assertThat(type("active")).isEqualTo(Schema.Type.BOOLEAN);
        assertThat(type("name")).isEqualTo(Schema.Type.STRING);
        Schema price = AVRO.getField("price").schema();
        assertThat(price.getType()).isEqualTo(Schema.Type.BYTES);
        assertThat(price.getLogicalType()).isEqualTo(LogicalTypes.decimal(12, 2));
        assertThat(type("raw_price")).isEqualTo(Schema.Type.STRING);
        assertThat(nonNull("ts").getLogicalType()).isEqualTo(LogicalTypes.timestampMicros());
        assertThat(nonNull("local_ts").getLogicalType()).isEqualTo(LogicalTypes.localTimestampMicros());
        assertThat(nonNull("day").getLogicalType()).isEqualTo(LogicalTypes.date());
        assertThat(nonNull("day").getType()).isEqualTo(Schema.Type.INT);
        assertThat(type("ratio")).isEqualTo(Schema.Type.DOUBLE);
        assertThat(type("weight")).isEqualTo(Schema.Type.FLOAT);
        assertThat(type("ref")).isEqualTo(Schema.Type.STRING);
        assertThat(type("doc")).isEqualTo(Schema.Type.STRING);
    }

    @Test
    void schemaCarriesNoConnectProperties() {
        assertThat(AVRO.toString()).doesNotContain("connect.");
    }

    @Test
    void valuesAreConverted() {
        Struct row = new Struct(ROW)
                .put("id", 7L)
                .put("small", (short) 3)
                .put("qty", 2)
                .put("active", false)
                .put("name", "Ann")
                .put("price", new BigDecimal("19.99"))
                .put("raw_price", VariableScaleDecimal.fromLogical(VariableScaleDecimal.optionalSchema(), new BigDecimal("19.990")))
                .put("ts", "2024-05-01T10:00:00.123456Z")
                .put("local_ts", 1_714_557_600_123_456L)
                .put("day", (int) LocalDate.of(2024, 5, 1).toEpochDay())
                .put("ratio", 0.5d)
                .put("weight", 1.5f)
                .put("ref", "6f1c1f0e-0000-4000-8000-000000000001")
                .put("doc", "{\"a\":1}")
                .put("currency", "USD");
        GenericRecord r = (GenericRecord) MAPPING.convert(row);
        assertThat(r.get("id")).isEqualTo(7L);
        assertThat(r.get("small")).isEqualTo(3);
        assertThat(r.get("active")).isEqualTo(false);
        assertThat(new BigDecimal(new BigInteger(bytes(r.get("price"))), 2)).isEqualByComparingTo("19.99");
        assertThat(r.get("raw_price")).isEqualTo("19.990");
        assertThat(r.get("ts")).isEqualTo(1_714_557_600_123_456L);
        assertThat(r.get("local_ts")).isEqualTo(1_714_557_600_123_456L);
        assertThat(r.get("day")).isEqualTo((int) LocalDate.of(2024, 5, 1).toEpochDay());
        assertThat(r.get("weight")).isEqualTo(1.5f);
        assertThat(r.get("currency")).isEqualTo("USD");
        assertThat(new org.apache.avro.generic.GenericData().validate(AVRO, r)).isTrue();
    }

    @Test
    void nullColumnStaysNullEvenWhenTheColumnHasADefault() {
        org.apache.kafka.connect.data.Schema schema = SchemaBuilder.struct().name("x.y.Value")
                .field("status", SchemaBuilder.string().optional().defaultValue("new").build())
                .build();
        GenericRecord r = (GenericRecord) ConnectToAvro.record(schema).convert(new Struct(schema));
        assertThat(r.get("status")).isNull();
    }

    @Test
    void timestamptzTextBecomesEpochMicros() {
        assertThat(ConnectToAvro.isoToMicros("1970-01-01T00:00:00Z")).isZero();
        assertThat(ConnectToAvro.isoToMicros("1970-01-01T00:00:01.000001Z")).isEqualTo(1_000_001L);
        assertThat(ConnectToAvro.isoToMicros("1970-01-01T02:00:00+02:00")).isZero();
        assertThat(ConnectToAvro.isoToMicros("1969-12-31T23:59:59.999999Z")).isEqualTo(-1L);
        assertThat(ConnectToAvro.isoToMicros("infinity")).isEqualTo(Long.MAX_VALUE);
        assertThat(ConnectToAvro.isoToMicros("-infinity")).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void fastUtcPathAgreesWithTheIsoParser() {
        for (String iso : new String[]{"2024-05-01T10:00:00Z", "2024-05-01T10:00:00.1Z", "2024-05-01T10:00:00.123Z",
                "2024-05-01T10:00:00.123456Z", "2024-05-01T10:00:00.123456789Z", "1969-12-31T23:59:59.999999Z",
                "0001-01-01T00:00:00Z", "2024-02-29T23:59:59.5Z"}) {
            java.time.Instant i = java.time.Instant.parse(iso);
            long expected = Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1_000);
            assertThat(ConnectToAvro.utcIsoToMicros(iso)).as(iso).isEqualTo(expected);
            assertThat(ConnectToAvro.isoToMicros(iso)).as(iso).isEqualTo(expected);
        }
        assertThat(ConnectToAvro.utcIsoToMicros("2024-05-01T12:00:00+02:00")).isEqualTo(ConnectToAvro.NOT_UTC_ISO);
        assertThat(ConnectToAvro.isoToMicros("2024-05-01T12:00:00+02:00")).isEqualTo(ConnectToAvro.isoToMicros("2024-05-01T10:00:00Z"));
    }

    @Test
    void unconstrainedNumericKeepsItsTextIncludingSpecialValues() {
        assertThat(ConnectToAvro.plainText(new SpecialValueDecimal(new BigDecimal("1E+3")))).isEqualTo("1000");
        assertThat(ConnectToAvro.plainText(new SpecialValueDecimal(new BigDecimal("0.00100")))).isEqualTo("0.00100");
        assertThat(ConnectToAvro.plainText(SpecialValueDecimal.NOT_A_NUMBER)).isEqualTo("NaN");
        assertThat(ConnectToAvro.plainText(SpecialValueDecimal.POSITIVE_INF)).isEqualTo("Infinity");
        assertThat(ConnectToAvro.plainText(SpecialValueDecimal.NEGATIVE_INF)).isEqualTo("-Infinity");
    }

    @Test
    void decimalWithoutPrecisionTravelsAsText() {
        org.apache.kafka.connect.data.Schema schema = SchemaBuilder.struct().name("x.y.Value")
                .field("amount", Decimal.builder(2).build()).build();
        ConnectToAvro.Mapping m = ConnectToAvro.record(schema);
        assertThat(m.schema().getField("amount").schema().getType()).isEqualTo(Schema.Type.STRING);
        GenericRecord r = (GenericRecord) m.convert(new Struct(schema).put("amount", new BigDecimal("1.50")));
        assertThat(r.get("amount")).isEqualTo("1.50");
    }

    @Test
    @SuppressWarnings("unchecked")
    void arraysMapElementTypes() {
        org.apache.kafka.connect.data.Schema schema = SchemaBuilder.struct().name("x.y.Value")
                .field("tags", SchemaBuilder.array(SchemaBuilder.int16().optional().build()).optional().build()).build();
        ConnectToAvro.Mapping m = ConnectToAvro.record(schema);
        GenericRecord r = (GenericRecord) m.convert(new Struct(schema).put("tags", java.util.Arrays.asList((short) 1, null)));
        assertThat((List<Object>) r.get("tags")).containsExactly(1, null);
    }

    @Test
    void unsupportedColumnTypeNamesTheColumn() {
        org.apache.kafka.connect.data.Schema schema = SchemaBuilder.struct().name("x.y.Value")
                .field("odd", SchemaBuilder.map(org.apache.kafka.connect.data.Schema.INT32_SCHEMA,
                        org.apache.kafka.connect.data.Schema.STRING_SCHEMA).build()).build();
        assertThatThrownBy(() -> ConnectToAvro.record(schema))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column 'odd'");
    }

    private static Schema.Type type(String field) {
        return nonNull(field).getType();
    }

    private static Schema nonNull(String field) {
        Schema s = AVRO.getField(field).schema();
        return s.getType() == Schema.Type.UNION ? s.getTypes().get(1) : s;
    }

    private static byte[] bytes(Object buffer) {
        ByteBuffer b = ((ByteBuffer) buffer).duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
