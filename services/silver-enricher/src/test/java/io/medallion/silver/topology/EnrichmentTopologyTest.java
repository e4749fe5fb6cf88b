package io.medallion.silver.topology;

import io.medallion.avro.silver.CustomerSegment;
import io.medallion.avro.silver.Order;
import io.medallion.avro.silver.OrderDetail;
import io.medallion.avro.silver.Product;
import io.medallion.avro.silver.WebEvent;
import io.medallion.silver.fixtures.Cdc;
import io.medallion.silver.fixtures.Samples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** References against the live silver tables: enrichment when known, a warning otherwise. */
class EnrichmentTopologyTest {

    private final SilverDriver silver = new SilverDriver();
    private long lsn = 1;
    private long webRow = 1;

    @AfterEach
    void close() {
        silver.close();
    }

    private void product(long id, String category, String brand) {
        Map<String, Object> row = Samples.row("products", id);
        row.put("category", category);
        row.put("brand", brand);
        silver.pipe("products", id, Cdc.insert("products", Cdc.row("products", row), lsn++, Samples.COMMIT));
    }

    private WebEvent view(String productId) {
        long id = webRow++;
        silver.pipe("web_events", id, Cdc.insert("web_events", Samples.with("web_events", id, "product_id", productId), lsn++, Samples.COMMIT));
        List<WebEvent> events = silver.silverValues("web_events");
        return events.get(events.size() - 1);
    }

    @Test
    void anEventCarriesTheCategoryAndBrandOfItsProduct() {
        product(42, "garden", "Hedgehog");

        WebEvent e = view("42");

        assertThat(e.getProductCategory()).isEqualTo("garden");
        assertThat(e.getProductBrand()).isEqualTo("Hedgehog");
        assertThat(e.getWarnings()).isEmpty();
    }

    @Test
    void anEventBeforeItsProductIsWrittenUnenrichedWithAWarning() {
        WebEvent early = view("42");
        product(42, "garden", "Hedgehog");
        WebEvent later = view("42");

        assertThat(early.getProductCategory()).isNull();
        assertThat(early.getWarnings()).containsExactly("product_id: 42 is not known to silver.products");
        assertThat(later.getProductCategory()).isEqualTo("garden");
        assertThat(later.getWarnings()).isEmpty();
        assertThat(silver.counters().warnings()).containsEntry("web_events", 1L);
    }

    @Test
    void laterEventsSeeTheUpdatedProduct() {
        product(42, "garden", "Hedgehog");
        WebEvent before = view("42");
        silver.pipe("products", 42, Cdc.update("products", Samples.avroRow("products", 42),
                Cdc.row("products", Map.of("product_id", 42L, "sku", "SKU-42", "name", "Drill", "category", "outdoor",
                        "brand", "Hedgehog Pro", "unit_price", new BigDecimal("10.00"), "currency", "EUR",
                        "active", true, "created_at", Samples.T0, "updated_at", Samples.T0)), lsn++, Samples.COMMIT));
        WebEvent after = view("42");

        assertThat(before.getProductCategory()).isEqualTo("garden");
        assertThat(after.getProductCategory()).isEqualTo("outdoor");
        assertThat(after.getProductBrand()).isEqualTo("Hedgehog Pro");
    }

    @Test
    void aDeletedProductNoLongerEnriches() {
        product(42, "garden", "Hedgehog");
        silver.pipe("products", 42, Cdc.delete("products", Samples.with("products", 42, "category", "garden"), lsn++, Samples.COMMIT));

        WebEvent e = view("42");

        assertThat(e.getProductCategory()).isNull();
        assertThat(e.getWarnings()).containsExactly("product_id: 42 is deleted in silver.products");
    }

    @Test
    void anEventWithoutProductNeedsNoLookup() {
        WebEvent e = view(null);

        assertThat(e.getProductId()).isNull();
        assertThat(e.getWarnings()).isEmpty();
    }

    @Test
    void anOrderCarriesItsCustomersCountryAndSegment() {
        Map<String, Object> customer = Samples.row("customers", 5);
        customer.put("country", "BE");
        customer.put("segment", "enterprise");
        silver.pipe("customers", 5, Cdc.insert("customers", Cdc.row("customers", customer), lsn++, Samples.COMMIT));
        silver.pipe("orders", 1, Cdc.insert("orders", Samples.with("orders", 1, "customer_id", 5L), lsn++, Samples.COMMIT));
        silver.pipe("orders", 2, Cdc.insert("orders", Samples.with("orders", 2, "customer_id", 6L), lsn++, Samples.COMMIT));

        List<Order> orders = silver.silverValues("orders");
        assertThat(orders.get(0).getCustomerCountry()).isEqualTo("BE");
        assertThat(orders.get(0).getCustomerSegment()).isEqualTo(CustomerSegment.enterprise);
        assertThat(orders.get(0).getWarnings()).isEmpty();
        assertThat(orders.get(1).getCustomerCountry()).isNull();
        assertThat(orders.get(1).getWarnings()).containsExactly("customer_id: 6 is not known to silver.customers");
    }

    @Test
    void everyUnknownForeignKeyIsAWarningNotARejection() {
        product(1, "tools", "Acme");
        silver.pipe("order_details", 1, Cdc.insert("order_details", Samples.avroRow("order_details", 1), lsn++, Samples.COMMIT));

        List<OrderDetail> details = silver.silverValues("order_details");
        assertThat(details).hasSize(1);
        assertThat(details.get(0).getWarnings()).containsExactly("order_id: 1 is not known to silver.orders");
        assertThat(silver.quarantine()).isEmpty();
    }

    @Test
    void aProductWarnsAboutAnUnknownSupplier() {
        silver.pipe("products", 3, Cdc.insert("products", Samples.with("products", 3, "supplier_id", 99L), lsn++, Samples.COMMIT));

        List<Product> products = silver.silverValues("products");
        assertThat(products.get(0).getWarnings()).containsExactly("supplier_id: 99 is not known to silver.suppliers");
    }
}
