package io.medallion.sink.schema;

import io.medallion.avro.common.DeadLetter;
import io.medallion.avro.gold.Kpi1m;
import io.medallion.avro.silver.WebEvent;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.medallion.sink.schema.ColumnType.Primitive.BINARY;
import static io.medallion.sink.schema.ColumnType.Primitive.DATE;
import static io.medallion.sink.schema.ColumnType.Primitive.INT;
import static io.medallion.sink.schema.ColumnType.Primitive.LONG;
import static io.medallion.sink.schema.ColumnType.Primitive.STRING;
import static io.medallion.sink.schema.ColumnType.Primitive.TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AvroSchemaMapperTest {

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }

    @Test
    void logical_types_become_proper_column_types() {
        Schema s = parse("""
                {"type":"record","name":"R","fields":[
                  {"name":"ms","type":{"type":"long","logicalType":"timestamp-millis"}},
                  {"name":"us","type":{"type":"long","logicalType":"timestamp-micros"}},
                  {"name":"local","type":{"type":"long","logicalType":"local-timestamp-micros"}},
                  {"name":"day","type":{"type":"int","logicalType":"date"}},
                  {"name":"amount","type":["null",{"type":"bytes","logicalType":"decimal","precision":12,"scale":2}],"default":null},
                  {"name":"big","type":{"type":"fixed","name":"F","size":16,"logicalType":"decimal","precision":38,"scale":10}},
                  {"name":"kind","type":{"type":"enum","name":"K","symbols":["a","b"]}},
                  {"name":"id","type":{"type":"string","logicalType":"uuid"}},
                  {"name":"raw","type":"bytes"},
                  {"name":"tags","type":{"type":"array","items":"string"}},
                  {"name":"attrs","type":{"type":"map","values":["null","long"]}},
                  {"name":"nested","type":{"type":"record","name":"N","fields":[{"name":"x","type":"int"}]}}
                ]}""");

        assertThat(AvroSchemaMapper.columns(s)).containsExactly(
                Column.required("ms", TIMESTAMP), Column.required("us", TIMESTAMP), Column.required("local", TIMESTAMP),
                Column.required("day", DATE), Column.optional("amount", new ColumnType.Decimal(12, 2)),
                Column.required("big", new ColumnType.Decimal(38, 10)), Column.required("kind", STRING),
                Column.required("id", STRING), Column.required("raw", BINARY),
                Column.required("tags", new ColumnType.ArrayOf(STRING)),
                Column.required("attrs", new ColumnType.MapOf(STRING, LONG)),
                Column.required("nested", new ColumnType.Struct(List.of(Column.optional("x", INT)))));
    }

    @Test
    void a_field_with_a_default_is_optional_even_when_not_nullable() {
        Schema s = SchemaBuilder.record("R").fields().name("a").type().stringType().stringDefault("x")
                .requiredLong("b").endRecord();

        assertThat(AvroSchemaMapper.columns(s)).containsExactly(Column.optional("a", STRING), Column.required("b", LONG));
    }

    @Test
    void a_union_of_two_non_null_types_has_no_column_form() {
        Schema s = parse("""
                {"type":"record","name":"R","fields":[{"name":"v","type":["null","string","long"]}]}""");

        assertThatThrownBy(() -> AvroSchemaMapper.columns(s)).isInstanceOf(UnmappableSchemaException.class)
                .hasMessageContaining("'v'").hasMessageContaining("union");
    }

    @Test
    void the_project_contracts_all_map() {
        assertThat(AvroSchemaMapper.columns(Kpi1m.getClassSchema())).contains(
                Column.required("window_start", TIMESTAMP), Column.required("gmv", new ColumnType.Decimal(18, 2)),
                Column.required("conversion_rate", new ColumnType.Decimal(7, 4)));
        assertThat(AvroSchemaMapper.columns(WebEvent.getClassSchema())).contains(
                Column.required("event_type", STRING), Column.required("ts", TIMESTAMP),
                Column.optional("_warnings", new ColumnType.ArrayOf(STRING)));
        assertThat(AvroSchemaMapper.columns(DeadLetter.getClassSchema())).contains(
                Column.optional("value", BINARY), Column.optional("headers", new ColumnType.MapOf(STRING, STRING)),
                Column.required("failed_at", TIMESTAMP));
    }
}
