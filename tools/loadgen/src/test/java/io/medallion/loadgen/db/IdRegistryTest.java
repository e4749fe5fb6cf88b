package io.medallion.loadgen.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medallion.loadgen.inventory.InventoryFactory;
import io.medallion.loadgen.model.ShopTable;
import org.junit.jupiter.api.Test;

class IdRegistryTest {

    @Test
    void referenceTablesKeepEveryKey() {
        IdRegistry ids = new IdRegistry();
        for (long i = 0; i < 5000; i++) {
            ids.register(ShopTable.CUSTOMERS, i, 10_000 + i);
        }
        assertThat(ids.resolve(ShopTable.CUSTOMERS, 0)).isEqualTo(10_000);
        assertThat(ids.resolve(ShopTable.CUSTOMERS, 4999)).isEqualTo(14_999);
        assertThat(ids.count(ShopTable.CUSTOMERS)).isEqualTo(5000);
        assertThatThrownBy(() -> ids.resolve(ShopTable.CUSTOMERS, 5000)).hasMessageContaining("unknown");
    }

    @Test
    void lifecycleTablesKeepAtLeastTheLiveWindowAndFailLoudlyBeyondIt() {
        IdRegistry ids = new IdRegistry();
        long n = 3L * InventoryFactory.LIVE_WINDOW;
        for (long i = 0; i < n; i++) {
            ids.register(ShopTable.ORDERS, i, 7 * i);
        }
        assertThat(ids.resolve(ShopTable.ORDERS, n - 1)).isEqualTo(7 * (n - 1));
        assertThat(ids.resolve(ShopTable.ORDERS, n - InventoryFactory.LIVE_WINDOW)).isEqualTo(7 * (n - InventoryFactory.LIVE_WINDOW));
        assertThatThrownBy(() -> ids.resolve(ShopTable.ORDERS, 0)).hasMessageContaining("not among");
    }

    @Test
    void keysMustBeRegisteredInOrderAndOnlyForTablesTheGeneratorKeys() {
        IdRegistry ids = new IdRegistry();
        assertThatThrownBy(() -> ids.register(ShopTable.ORDERS, 1, 1)).hasMessageContaining("out of order");
        assertThatThrownBy(() -> ids.register(ShopTable.WEB_EVENTS, 0, 1)).hasMessageContaining("assigned by the database");
    }
}
