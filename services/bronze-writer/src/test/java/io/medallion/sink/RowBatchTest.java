package io.medallion.sink;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RowBatchTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);

    private static RowBatch batch() {
        RowBatch b = new RowBatch(true);
        for (long o = 10; o < 15; o++) {
            b.add(new Object[]{"p0-" + o}, P0, o, 1000 + o);
            b.consumed(P0, o, 100, 0);
            b.add(new Object[]{"p1-" + o}, P1, o, 2000 + o);
            b.consumed(P1, o, 100, 0);
        }
        b.consumed(P1, 15, 100, 0);
        return b;
    }

    @Test
    void tracks_the_last_consumed_offset_even_past_the_last_row() {
        RowBatch b = batch();

        assertThat(b.lastConsumed()).isEqualTo(Map.of(P0, 14L, P1, 15L));
        assertThat(b.consumedCount()).isEqualTo(11);
        assertThat(b.bytes()).isEqualTo(1100);
        assertThat(b.rowCount()).isEqualTo(10);
    }

    @Test
    void leaves_out_rows_another_writer_already_committed() {
        RowBatch b = batch();

        assertThat(b.rowsAfter(tp -> -1)).hasSize(10);
        assertThat(b.rowsAfter(tp -> tp.equals(P0) ? 12 : 9)).extracting(r -> r[0])
                .containsExactly("p1-10", "p1-11", "p1-12", "p0-13", "p1-13", "p0-14", "p1-14");
        assertThat(b.sourceTimesAfter(tp -> tp.equals(P0) ? 12 : 14)).containsExactly(1013, 1014);
    }

    @Test
    void dropping_a_partition_forgets_its_rows_and_offsets() {
        RowBatch b = batch();

        b.drop(Set.of(P1));

        assertThat(b.lastConsumed()).containsOnlyKeys(P0);
        assertThat(b.rowsAfter(tp -> -1)).extracting(r -> r[0]).containsExactly("p0-10", "p0-11", "p0-12", "p0-13", "p0-14");
        b.drop(Set.of(P0));
        assertThat(b.isEmpty()).isTrue();
    }

    @Test
    void relayout_moves_columns_to_their_new_positions() {
        RowBatch b = new RowBatch(true);
        b.add(new Object[]{"a", "b"}, P0, 0, 0);
        b.consumed(P0, 0, 1, 0);

        b.relayout(new int[]{0, 2}, 3);

        assertThat(b.rowsAfter(tp -> -1).get(0)).containsExactly("a", null, "b");
    }
}
