package io.medallion.bench.fleet.source;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestDecodingLineTest {

    @Test
    void insertsUpdatesAndDeletesGiveTheFirstColumn() {
        assertThat(TestDecodingLine.parse("table shop.web_events: INSERT: id[bigint]:17 event_id[text]:'a b' price[numeric]:1.5", "shop"))
                .contains(new TestDecodingLine.Parsed("web_events", 'c', 17));
        assertThat(TestDecodingLine.parse("table shop.orders: UPDATE: old-key: order_id[bigint]:5 customer_id[bigint]:9"
                + " new-tuple: order_id[bigint]:5 customer_id[bigint]:9 status[text]:'paid'", "shop"))
                .contains(new TestDecodingLine.Parsed("orders", 'u', 5));
        assertThat(TestDecodingLine.parse("table shop.stock_levels: UPDATE: stock_level_id[bigint]:3 product_id[bigint]:8", "shop"))
                .contains(new TestDecodingLine.Parsed("stock_levels", 'u', 3));
        assertThat(TestDecodingLine.parse("table shop.inventory: DELETE: inventory_id[bigint]:42", "shop"))
                .contains(new TestDecodingLine.Parsed("inventory", 'd', 42));
    }

    @Test
    void transactionLinesAndOtherSchemasGiveNothing() {
        assertThat(TestDecodingLine.parse("BEGIN", "shop")).isEmpty();
        assertThat(TestDecodingLine.parse("COMMIT", "shop")).isEmpty();
        assertThat(TestDecodingLine.parse("table public.t: INSERT: id[integer]:1", "shop")).isEmpty();
    }

    @Test
    void aLineWithoutANumericKeyIsAnError() {
        assertThatThrownBy(() -> TestDecodingLine.parse("table shop.x: DELETE: (no-tuple-data)", "shop"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lsnTextBecomesItsPosition() {
        assertThat(SourceChange.parseLsn("0/16B3748")).isEqualTo(0x16B3748L);
        assertThat(SourceChange.parseLsn("1A/2")).isEqualTo((0x1AL << 32) | 2);
    }
}
