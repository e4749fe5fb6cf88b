package io.medallion.loadgen.db;

import static io.medallion.loadgen.model.RowWrite.Assignment.add;
import static io.medallion.loadgen.model.RowWrite.Assignment.set;
import static io.medallion.loadgen.model.Value.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medallion.loadgen.model.RowWrite;
import io.medallion.loadgen.model.RowWrite.Match;
import io.medallion.loadgen.model.ShopTable;
import io.medallion.loadgen.model.Value;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchWriterTest {

    private static RowWrite order(long i) {
        return RowWrite.Insert.of(ShopTable.ORDERS, i, ref(ShopTable.CUSTOMERS, 0), "pending", Value.Now.NOW, "EUR",
                BigDecimal.TEN, Value.Now.NOW);
    }

    private static RowWrite detail(long order) {
        return RowWrite.Insert.of(ShopTable.ORDER_DETAILS, RowWrite.NO_INDEX, ref(ShopTable.ORDERS, order),
                ref(ShopTable.PRODUCTS, 1), 1, BigDecimal.ONE, BigDecimal.ZERO);
    }

    private static RowWrite shipment(long i, String status, String column) {
        return RowWrite.updateByKey(ShopTable.SHIPMENTS, i, set("status", status), set(column, Value.Now.NOW));
    }

    @Test
    void insertsRunInForeignKeyOrderThenUpdatesThenDeletesInReverseOrder() {
        List<RowWrite> writes = List.of(
                RowWrite.deleteByKey(ShopTable.ORDERS, 1),
                detail(2),
                order(2),
                new RowWrite.Delete(ShopTable.ORDER_DETAILS, List.of(new Match("order_id", ref(ShopTable.ORDERS, 1)))),
                RowWrite.updateByKey(ShopTable.ORDERS, 2, set("status", "paid")),
                RowWrite.Insert.of(ShopTable.CUSTOMERS, 5, "A", "B", "a@b.example", null, "FR", "consumer"));

        assertThat(BatchWriter.groups(writes)).extracting(BatchWriter.Group::sql).containsExactly(
                BatchWriter.insertSql(ShopTable.CUSTOMERS),
                BatchWriter.insertSql(ShopTable.ORDERS),
                BatchWriter.insertSql(ShopTable.ORDER_DETAILS),
                "UPDATE shop.orders SET status = COALESCE(?, status) WHERE order_id = ?",
                "DELETE FROM shop.order_details WHERE order_id = ?",
                "DELETE FROM shop.orders WHERE order_id = ?");
    }

    @Test
    void updatesOfOneTableShareOneStatementInGenerationOrder() {
        List<RowWrite> writes = List.of(
                shipment(1, "delivered", "delivered_at"),
                shipment(2, "in_transit", "shipped_at"),
                RowWrite.updateByKey(ShopTable.SHIPMENTS, 3, set("status", "lost")),
                shipment(2, "delivered", "delivered_at"));

        List<BatchWriter.Group> groups = BatchWriter.groups(writes);

        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).rows()).containsExactlyElementsOf(writes);
        assertThat(groups.get(0).sql()).isEqualTo("UPDATE shop.shipments SET delivered_at = COALESCE(?, delivered_at), "
                + "shipped_at = COALESCE(?, shipped_at), status = COALESCE(?, status) WHERE shipment_id = ?");
    }

    @Test
    void incrementsAndCompositeKeysBecomeTheirStatement() {
        RowWrite.Update stock = new RowWrite.Update(ShopTable.STOCK_LEVELS,
                List.of(add("quantity_on_hand", -2), set("updated_at", Value.Now.NOW)),
                List.of(new Match("product_id", ref(ShopTable.PRODUCTS, 1)),
                        new Match("warehouse_id", ref(ShopTable.WAREHOUSES, 0))));
        assertThat(BatchWriter.groups(List.of(stock)).get(0).sql()).isEqualTo("UPDATE shop.stock_levels SET "
                + "updated_at = COALESCE(?, updated_at), quantity_on_hand = quantity_on_hand + ? "
                + "WHERE product_id = ? AND warehouse_id = ?");
        assertThat(BatchWriter.insertSql(ShopTable.WEB_EVENTS)).startsWith("INSERT INTO shop.web_events (event_id,");
        assertThat(BatchWriter.insertSql(ShopTable.ORDERS)).startsWith("INSERT INTO shop.orders (order_id, customer_id,");
    }

    @Test
    void anUpdateNeverWritesNull() {
        assertThatThrownBy(() -> RowWrite.updateByKey(ShopTable.CUSTOMERS, 1, set("phone", null)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
