package io.medallion.loadgen.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.medallion.loadgen.model.Catalog;
import io.medallion.loadgen.model.RowWrite;
import io.medallion.loadgen.model.ShopTable;
import io.medallion.loadgen.model.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReferenceDataTest {

    private final ReferenceData reference = new ReferenceData(99);

    @Test
    void seedsTheRequestedRowsDeterministically() {
        assertThat(reference.customers(300)).hasSize(300).isEqualTo(new ReferenceData(99).customers(300));
        assertThat(reference.customers(300)).isNotEqualTo(new ReferenceData(100).customers(300));
        assertThat(reference.suppliers(7)).hasSize(7);
        assertThat(reference.warehouses(8)).hasSize(8);
        assertThat(reference.stockLevels(reference.openingStock(20, 3))).hasSize(60);
    }

    @Test
    void uniqueColumnsAreUniqueAndProductsReferToExistingSuppliers() {
        List<RowWrite> warehouses = reference.warehouses(10);
        assertThat(warehouses.stream().map(w -> ((RowWrite.Insert) w).value("code")).distinct()).hasSize(10);
        List<RowWrite> products = reference.products(Catalog.generate(99, 120), 7);
        assertThat(products.stream().map(p -> ((RowWrite.Insert) p).value("sku")).distinct()).hasSize(120);
        assertThat(products).allSatisfy(p -> {
            Value.Ref supplier = (Value.Ref) ((RowWrite.Insert) p).value("supplier_id");
            assertThat(supplier.table()).isEqualTo(ShopTable.SUPPLIERS);
            assertThat(supplier.index()).isBetween(0L, 6L);
        });
    }

    @Test
    void everyProductIsStockedInEveryWarehouse() {
        int[][] stock = reference.openingStock(5, 2);
        List<RowWrite> levels = reference.stockLevels(stock);
        assertThat(levels).extracting(l -> ((RowWrite.Insert) l).value("product_id") + "/"
                + ((RowWrite.Insert) l).value("warehouse_id")).doesNotHaveDuplicates();
        assertThat(levels).allSatisfy(l -> assertThat((Integer) ((RowWrite.Insert) l).value("quantity_on_hand"))
                .isBetween(50, 500));
    }
}
