package io.medallion.silver.source;

import io.medallion.silver.fixtures.Cdc;
import io.medallion.silver.fixtures.Samples;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowTest {

    @Test
    void readsTheCdcEncodingOfEachColumnType() {
        Row row = new Row(Samples.avroRow("products", 7));

        assertThat(row.longValue("product_id")).isEqualTo(7L);
        assertThat(row.text("category")).isEqualTo("tools");
        assertThat(row.bool("active")).isTrue();
        assertThat(row.decimal("unit_price")).isEqualByComparingTo("89.90");
        assertThat(row.timestamp("updated_at")).isEqualTo(Samples.T0);
    }

    @Test
    void readsUnconstrainedNumericAsDecimalText() {
        Row row = new Row(Samples.with("web_events", 1, "price", "19.990"));

        assertThat(row.decimal("price")).isEqualByComparingTo("19.99");
    }

    @Test
    void readsTheLogicalTypeConversionsOfAGenericDecoderToo() {
        Schema schema = SchemaBuilder.record("R").fields()
                .name("amount").type(LogicalTypes.decimal(12, 2).addToSchema(Schema.create(Schema.Type.BYTES))).noDefault()
                .name("at").type(LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG))).noDefault()
                .name("name").type().stringType().noDefault()
                .endRecord();
        GenericRecord converted = new GenericData.Record(schema);
        converted.put("amount", new BigDecimal("12.30"));
        converted.put("at", Samples.T0);
        converted.put("name", new Utf8("utf8 text"));

        Row row = new Row(converted);

        assertThat(row.decimal("amount")).isEqualByComparingTo("12.30");
        assertThat(row.timestamp("at")).isEqualTo(Samples.T0);
        assertThat(row.text("name")).isEqualTo("utf8 text");
    }

    @Test
    void decodesDecimalBytesWithTheSchemaScale() {
        Schema money = LogicalTypes.decimal(12, 2).addToSchema(Schema.create(Schema.Type.BYTES));
        GenericRecord r = Cdc.row("orders", Samples.row("orders", 1));
        r.put("total_amount", new Conversions.DecimalConversion().toBytes(new BigDecimal("-0.05"), money, LogicalTypes.decimal(12, 2)));

        assertThat(new Row(r).decimal("total_amount")).isEqualByComparingTo("-0.05");
    }

    @Test
    void timestampMicrosKeepMicrosecondPrecision() {
        Instant precise = Instant.parse("2025-06-01T12:00:00.123456Z");

        assertThat(new Row(Samples.with("web_events", 1, "ts", precise)).timestamp("ts")).isEqualTo(precise);
        assertThat(Row.ofEpochMicros(-1)).isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
    }

    @Test
    void aColumnMissingFromTheWriterSchemaReadsAsNull() {
        Row row = new Row(Samples.avroRow("web_events", 1));

        assertThat(row.raw("session_id")).isNull();
        assertThat(row.isPresent("session_id")).isFalse();
        assertThat(row.text("session_id")).isNull();
    }

    @Test
    void blankTextIsNotPresent() {
        assertThat(new Row(Samples.with("web_events", 1, "user_id", "  ")).isPresent("user_id")).isFalse();
    }

    @Test
    void aValueOfTheWrongTypeNamesTheColumnButNotTheValue() {
        Row row = new Row(Samples.with("web_events", 1, "price", "twelve"));

        assertThatThrownBy(() -> row.decimal("price")).isInstanceOf(ColumnTypeException.class)
                .hasMessageContaining("price").hasMessageNotContaining("twelve");
        assertThatThrownBy(() -> row.longValue("user_id")).isInstanceOf(ColumnTypeException.class)
                .hasMessage("user_id: expected a whole number, got String");
        assertThatThrownBy(() -> row.text("quantity")).isInstanceOf(ColumnTypeException.class);
    }
}
