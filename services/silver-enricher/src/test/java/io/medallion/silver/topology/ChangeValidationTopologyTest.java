package io.medallion.silver.topology;

import io.medallion.avro.silver.Order;
import io.medallion.avro.silver.OrderStatus;
import io.medallion.avro.silver.QuarantineRecord;
import io.medallion.silver.fixtures.Cdc;
import io.medallion.silver.fixtures.Samples;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule tables of the change tables: enumerations, codes, ranges, timestamps, envelopes, deletes. */
class ChangeValidationTopologyTest {

    private final SilverDriver silver = new SilverDriver();
    private long lsn = 5000;

    @AfterEach
    void close() {
        silver.close();
    }

    private List<String> reasons(String table, long id, String column, Object value) {
        return reasons(table, id, Cdc.insert(table, Samples.with(table, id, column, value), lsn++, Samples.COMMIT));
    }

    private List<String> reasons(String table, long id, GenericRecord envelope) {
        int before = silver.quarantine().size();
        silver.pipe(table, id, envelope);
        List<QuarantineRecord> q = silver.quarantine().stream().map(kv -> kv.value).toList();
        return q.size() == before ? List.of() : q.get(q.size() - 1).getValidationErrors();
    }

    @Test
    void everySampleRowIsAcceptedIntoItsSilverTopic() {
        for (String table : Cdc.tables()) {
            assertThat(reasons(table, 1, Cdc.insert(table, Samples.avroRow(table, 1), lsn++, Samples.COMMIT))).as(table).isEmpty();
            assertThat(silver.silverValues(table)).as(table).hasSize(1);
        }
    }

    @Test
    void orderStatusIsAnOrderStatusSymbol() {
        assertThat(reasons("orders", 1, "status", "PAID"))
                .containsExactly("status: must be one of [pending, paid, shipped, delivered, cancelled, returned], was 'PAID'");
    }

    @Test
    void shipmentStatusIsAShipmentStatusSymbol() {
        assertThat(reasons("shipments", 1, "status", "shipped"))
                .containsExactly("status: must be one of [label_created, in_transit, delivered, lost], was 'shipped'");
    }

    @Test
    void returnStatusIsAReturnStatusSymbol() {
        assertThat(reasons("returns", 1, "status", "approved"))
                .containsExactly("status: must be one of [requested, received, refunded, rejected], was 'approved'");
    }

    @Test
    void customerSegmentIsACustomerSegmentSymbol() {
        assertThat(reasons("customers", 1, "segment", "vip"))
                .containsExactly("segment: must be one of [consumer, small_business, enterprise], was 'vip'");
    }

    @Test
    void inventoryReasonIsAnInventoryReasonSymbol() {
        assertThat(reasons("inventory", 1, "reason", "theft"))
                .containsExactly("reason: must be one of [receipt, sale, customer_return, adjustment], was 'theft'");
    }

    @Test
    void currenciesAndCountriesAreIsoCodes() {
        assertThat(reasons("orders", 1, "currency", "EU")).containsExactly("currency: must be an ISO 4217 currency code, was 'EU'");
        assertThat(reasons("warehouses", 1, "country", "ZZ")).containsExactly("country: must be an ISO 3166-1 alpha-2 country code, was 'ZZ'");
    }

    @Test
    void quantitiesAndAmountsAreInRange() {
        assertThat(reasons("order_details", 1, "quantity", 0)).containsExactly("quantity: must be positive, was '0'");
        assertThat(reasons("orders", 2, "total_amount", new BigDecimal("-0.01"))).containsExactly("total_amount: must not be negative, was '-0.01'");
        assertThat(reasons("stock_levels", 1, "quantity_on_hand", -4)).containsExactly("quantity_on_hand: must not be negative, was '-4'");
        assertThat(reasons("warehouses", 2, "capacity", 0)).containsExactly("capacity: must be positive, was '0'");
    }

    @Test
    void businessTimestampsMayNotLieFarAfterTheCommit() {
        assertThat(reasons("orders", 1, "order_ts", Samples.COMMIT.plus(Duration.ofDays(1))))
                .containsExactly("order_ts: must not be more than 5m after the source commit time 2025-06-01T12:00:01Z, was '2025-06-02T12:00:01Z'");
    }

    @Test
    void personalColumnsAreCheckedWithoutEchoingThem() {
        assertThat(reasons("customers", 1, "email", "wilhelmina-at-example")).containsExactly("email: must be an e-mail address (value withheld: personal data)");
        assertThat(reasons("suppliers", 1, "contact_phone", "ask reception")).containsExactly("contact_phone: must have 6 to 15 digits (value withheld: personal data)");
    }

    @Test
    void anUnknownOpOrAMissingLsnIsQuarantined() {
        assertThat(reasons("orders", 1, Cdc.envelope("orders", "truncate", null, Samples.avroRow("orders", 1), lsn++, Samples.COMMIT)))
                .containsExactly("op: must be one of c, u, d, r, was 'truncate'");
        assertThat(reasons("orders", 2, Cdc.envelope("orders", "c", null, Samples.avroRow("orders", 2), null, Samples.COMMIT)))
                .containsExactly("source.lsn: is required (silver deduplicates and orders changes by it)");
    }

    @Test
    void aDeleteEmitsTheBeforeImageWithOpD() {
        silver.pipe("orders", 3, Cdc.insert("orders", Samples.avroRow("orders", 3), lsn++, Samples.COMMIT));
        silver.pipe("orders", 3, Cdc.delete("orders", Samples.avroRow("orders", 3), lsn++, Samples.COMMIT.plusSeconds(60)));

        List<Order> orders = silver.silverValues("orders");
        assertThat(orders).extracting(Order::getOp).containsExactly("c", "d");
        Order deleted = orders.get(1);
        assertThat(deleted.getOrderId()).isEqualTo(3L);
        assertThat(deleted.getStatus()).isEqualTo(OrderStatus.paid);
        assertThat(deleted.getSourceTs()).isEqualTo(Samples.COMMIT.plusSeconds(60));
    }

    @Test
    void anUpdateEmitsTheAfterImage() {
        GenericRecord before = Samples.avroRow("orders", 4);
        GenericRecord after = Samples.with("orders", 4, "status", "shipped");
        silver.pipe("orders", 4, Cdc.update("orders", before, after, lsn++, Samples.COMMIT));

        assertThat(silver.silverValues("orders")).extracting(o -> ((Order) o).getStatus()).containsExactly(OrderStatus.shipped);
    }

    @Test
    void aKeyOnlyDeleteOfTheClickstreamIsQuarantinedWithOneClearReason() {
        List<String> reasons = reasons("web_events", 9, Cdc.delete("web_events", Cdc.row("web_events", Map.of("id", 9L)), lsn++, Samples.COMMIT));

        assertThat(reasons).containsExactly(
                "before: carries only the primary key (the table has REPLICA IDENTITY DEFAULT), so the deleted row cannot be rebuilt");
    }
}
