package io.medallion.sink.schema;

import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AvroValueConverterTest {

    private static Schema schema(String json) {
        return new Schema.Parser().parse(json);
    }

    @Test
    void timestamps_become_microseconds_whatever_their_avro_unit_or_representation() {
        AvroValueConverter millis = AvroValueConverter.forSchema(schema("{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}"));
        AvroValueConverter micros = AvroValueConverter.forSchema(schema("{\"type\":\"long\",\"logicalType\":\"timestamp-micros\"}"));
        AvroValueConverter local = AvroValueConverter.forSchema(schema("{\"type\":\"long\",\"logicalType\":\"local-timestamp-micros\"}"));

        assertThat(millis.convert(1_700_000_000_123L)).isEqualTo(1_700_000_000_123_000L);
        assertThat(millis.convert(Instant.ofEpochMilli(1_700_000_000_123L))).isEqualTo(1_700_000_000_123_000L);
        assertThat(micros.convert(5L)).isEqualTo(5L);
        assertThat(local.convert(LocalDateTime.of(1970, 1, 1, 0, 0, 1))).isEqualTo(1_000_000L);
        assertThat(millis.convert(null)).isNull();
    }

    @Test
    void decimals_keep_their_scale_from_bytes_or_big_decimal() {
        Schema s = schema("{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":12,\"scale\":2}");
        ByteBuffer bytes = new Conversions.DecimalConversion().toBytes(new BigDecimal("-19.99"), s, LogicalTypes.decimal(12, 2));
        AvroValueConverter c = AvroValueConverter.forSchema(s);

        assertThat(c.convert(bytes)).isEqualTo(new BigDecimal("-19.99"));
        assertThat(c.convert(new BigDecimal("3.5"))).isEqualTo(new BigDecimal("3.50"));
        assertThatThrownBy(() -> c.convert(new BigDecimal("1.234"))).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void strings_enums_dates_bytes_and_nested_values_take_their_row_form() {
        Schema record = schema("""
                {"type":"record","name":"R","fields":[
                  {"name":"s","type":"string"},
                  {"name":"e","type":{"type":"enum","name":"E","symbols":["purchase"]}},
                  {"name":"d","type":{"type":"int","logicalType":"date"}},
                  {"name":"b","type":["null","bytes"]},
                  {"name":"a","type":{"type":"array","items":"string"}},
                  {"name":"m","type":{"type":"map","values":"long"}}
                ]}""");
        GenericRecord r = new GenericData.Record(record);
        r.put("s", new Utf8("hello"));
        r.put("e", new GenericData.EnumSymbol(record.getField("e").schema(), "purchase"));
        r.put("d", LocalDate.of(2024, 1, 2));
        r.put("b", ByteBuffer.wrap(new byte[]{1, 2}));
        r.put("a", List.of(new Utf8("x")));
        r.put("m", Map.of(new Utf8("k"), 7L));

        Object[] row = (Object[]) AvroValueConverter.forSchema(record).convert(r);

        assertThat(row[0]).isEqualTo("hello");
        assertThat(row[1]).isEqualTo("purchase");
        assertThat(row[2]).isEqualTo((int) LocalDate.of(2024, 1, 2).toEpochDay());
        assertThat((byte[]) row[3]).containsExactly(1, 2);
        assertThat(row[4]).isEqualTo(List.of("x"));
        assertThat(row[5]).isEqualTo(Map.of("k", 7L));
    }
}
