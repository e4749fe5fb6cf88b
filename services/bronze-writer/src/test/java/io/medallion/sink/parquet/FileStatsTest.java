package io.medallion.sink.parquet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medallion.sink.schema.Column;
import io.medallion.sink.schema.ColumnType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static io.medallion.sink.schema.ColumnType.Primitive.BOOLEAN;
import static io.medallion.sink.schema.ColumnType.Primitive.DATE;
import static io.medallion.sink.schema.ColumnType.Primitive.DOUBLE;
import static io.medallion.sink.schema.ColumnType.Primitive.LONG;
import static io.medallion.sink.schema.ColumnType.Primitive.STRING;
import static io.medallion.sink.schema.ColumnType.Primitive.TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;

class FileStatsTest {

    private static final List<Column> COLUMNS = List.of(Column.optional("n", LONG), Column.optional("s", STRING),
            Column.optional("ts", TIMESTAMP), Column.optional("d", DATE), Column.optional("amount", new ColumnType.Decimal(12, 2)),
            Column.optional("flag", BOOLEAN), Column.optional("x", DOUBLE),
            Column.optional("st", new ColumnType.Struct(List.of(Column.optional("a", LONG)))));

    private static JsonNode stats(Object[]... rows) throws Exception {
        FileStats s = new FileStats(COLUMNS, new int[]{0, 1, 2, 3, 4, 5, 6, 7});
        for (Object[] r : rows) {
            s.add(r);
        }
        return new ObjectMapper().readTree(s.toJson());
    }

    @Test
    void min_max_and_null_counts_in_delta_forms() throws Exception {
        int day = (int) LocalDate.of(2024, 5, 1).toEpochDay();
        JsonNode s = stats(
                new Object[]{5L, "b", 1_714_521_600_123_999L, day, new BigDecimal("1.50"), true, 1.0, new Object[]{1L}},
                new Object[]{-2L, "a", 1_714_521_600_000_000L, day + 1, new BigDecimal("-3.25"), false, 2.0, null},
                new Object[]{null, null, null, null, null, null, Double.NaN, null});

        assertThat(s.get("numRecords").asLong()).isEqualTo(3);
        assertThat(s.at("/minValues/n").asLong()).isEqualTo(-2);
        assertThat(s.at("/maxValues/n").asLong()).isEqualTo(5);
        assertThat(s.at("/minValues/s").asText()).isEqualTo("a");
        assertThat(s.at("/maxValues/s").asText()).isEqualTo("b");
        assertThat(s.at("/minValues/ts").asText()).isEqualTo("2024-05-01T00:00:00.000Z");
        assertThat(s.at("/maxValues/ts").asText()).isEqualTo("2024-05-01T00:00:00.123Z");
        assertThat(s.at("/minValues/d").asText()).isEqualTo("2024-05-01");
        assertThat(s.at("/maxValues/d").asText()).isEqualTo("2024-05-02");
        assertThat(s.at("/minValues/amount").decimalValue()).isEqualByComparingTo("-3.25");
        assertThat(s.at("/maxValues/amount").decimalValue()).isEqualByComparingTo("1.50");
        assertThat(s.at("/nullCount/n").asLong()).isEqualTo(1);
        assertThat(s.at("/nullCount/flag").asLong()).isEqualTo(1);
        assertThat(s.get("minValues").has("flag")).isFalse();
        assertThat(s.get("minValues").has("x")).as("NaN drops a float column's range").isFalse();
        assertThat(s.get("nullCount").has("st")).isFalse();
    }

    @Test
    void a_long_string_keeps_a_prefix_as_min_and_no_max() throws Exception {
        String longText = "x".repeat(40);

        JsonNode s = stats(new Object[]{1L, longText, null, null, null, null, null, null});

        assertThat(s.at("/minValues/s").asText()).hasSize(FileStats.STRING_PREFIX);
        assertThat(s.get("maxValues").has("s")).isFalse();
    }

    @Test
    void strings_are_ordered_by_code_point_as_utf8_bytes_are() throws Exception {
        // U+FF61 sorts before U+1F600 in UTF-8, after it in UTF-16 code units.
        JsonNode s = stats(new Object[]{1L, "\uFF61", null, null, null, null, null, null},
                new Object[]{1L, "\uD83D\uDE00", null, null, null, null, null, null});

        assertThat(s.at("/minValues/s").asText()).isEqualTo("\uFF61");
        assertThat(s.at("/maxValues/s").asText()).isEqualTo("\uD83D\uDE00");
    }
}
