package io.medallion.sink.schema;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.medallion.sink.schema.ColumnType.Primitive.INT;
import static io.medallion.sink.schema.ColumnType.Primitive.LONG;
import static io.medallion.sink.schema.ColumnType.Primitive.STRING;
import static org.assertj.core.api.Assertions.assertThat;

class SchemaEvolutionTest {

    private final TableSchema table = new TableSchema(List.of(Column.optional("id", LONG), Column.optional("name", STRING),
            Column.optional("_d", ColumnType.Primitive.DATE)), List.of("_d"));

    @Test
    void the_same_columns_or_fewer_change_nothing() {
        assertThat(SchemaEvolution.evolve(table, List.of(Column.required("id", LONG), Column.required("name", STRING))))
                .isInstanceOf(SchemaEvolution.Unchanged.class);
        assertThat(SchemaEvolution.evolve(table, List.of(Column.required("id", LONG))))
                .isInstanceOf(SchemaEvolution.Unchanged.class);
    }

    @Test
    void a_new_optional_field_adds_a_nullable_column_at_the_end() {
        SchemaEvolution.Outcome out = SchemaEvolution.evolve(table, List.of(Column.required("id", LONG),
                Column.optional("email", STRING)));

        assertThat(out).isInstanceOf(SchemaEvolution.Widened.class);
        SchemaEvolution.Widened w = (SchemaEvolution.Widened) out;
        assertThat(w.schema().columns()).extracting(Column::name).containsExactly("id", "name", "_d", "email");
        assertThat(w.schema().partitionColumns()).containsExactly("_d");
        assertThat(w.added()).containsExactly(Column.optional("email", STRING));
    }

    @Test
    void a_type_change_or_a_new_required_field_is_incompatible_and_says_why() {
        SchemaEvolution.Outcome typeChange = SchemaEvolution.evolve(table, List.of(Column.required("id", INT)));
        SchemaEvolution.Outcome required = SchemaEvolution.evolve(table, List.of(Column.required("code", STRING)));

        assertThat(typeChange).isInstanceOf(SchemaEvolution.Incompatible.class);
        assertThat(((SchemaEvolution.Incompatible) typeChange).reason()).contains("'id'", "long", "int");
        assertThat(((SchemaEvolution.Incompatible) required).reason()).contains("'code'", "required");
    }
}
