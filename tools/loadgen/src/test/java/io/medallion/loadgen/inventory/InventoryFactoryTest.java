package io.medallion.loadgen.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.medallion.avro.silver.CustomerSegment;
import io.medallion.avro.silver.InventoryReason;
import io.medallion.avro.silver.OrderStatus;
import io.medallion.avro.silver.ReturnStatus;
import io.medallion.avro.silver.ShipmentStatus;
import io.medallion.loadgen.inventory.InventoryFactory.Operation;
import io.medallion.loadgen.inventory.InventoryFactory.Step;
import io.medallion.loadgen.model.Catalog;
import io.medallion.loadgen.model.RowWrite;
import io.medallion.loadgen.model.ShopTable;
import io.medallion.loadgen.model.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InventoryFactoryTest {

    private static final ShopSizes SIZES = new ShopSizes(5, 3, 40, 100);
    private static final Catalog CATALOG = Catalog.generate(1, 40);

    private static List<Step> steps(long seed, int n) {
        InventoryFactory factory = new InventoryFactory(seed, SIZES, CATALOG);
        List<Step> steps = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            steps.add(factory.next());
        }
        return steps;
    }

    @Test
    void theSameSeedGivesTheSameOperationsAndRows() {
        assertThat(steps(3, 3000)).isEqualTo(steps(3, 3000));
        assertThat(steps(4, 3000)).isNotEqualTo(steps(3, 3000));
    }

    @Test
    void everyOperationHappens() {
        Set<Operation> seen = EnumSet.noneOf(Operation.class);
        steps(5, 20_000).forEach(s -> seen.add(s.operation()));
        assertThat(seen).containsExactlyInAnyOrder(Operation.values());
    }

    @Test
    void rowsAreChangedOnlyWhileTheyExistAndStatusesFollowTheLifecycle() {
        ShopModel model = new ShopModel();
        for (Step step : steps(6, 30_000)) {
            step.writes().forEach(model::apply);
        }
        assertThat(model.inserted.get(ShopTable.ORDERS)).isGreaterThan(1000);
        assertThat(model.inserted.get(ShopTable.RETURNS)).isPositive();
        assertThat(model.deleted.get(ShopTable.ORDERS)).isPositive();
        assertThat(model.deleted.get(ShopTable.RETURNS)).isPositive();
        assertThat(model.deleted.get(ShopTable.INVENTORY)).isPositive();
    }

    @Test
    void enumeratedValuesAreTheSilverContractsSymbols() {
        Map<String, Set<String>> written = new HashMap<>();
        for (Step step : steps(7, 20_000)) {
            for (RowWrite w : step.writes()) {
                collect(w, written);
            }
        }
        new ReferenceData(7).customers(200).forEach(w -> collect(w, written));
        assertThat(written.get("orders.status")).isSubsetOf(symbols(OrderStatus.values()));
        assertThat(written.get("shipments.status")).isSubsetOf(symbols(ShipmentStatus.values()));
        assertThat(written.get("returns.status")).isSubsetOf(symbols(ReturnStatus.values()));
        assertThat(written.get("inventory.reason")).isSubsetOf(symbols(InventoryReason.values()));
        assertThat(written.get("customers.segment"))
                .isSubsetOf(symbols(CustomerSegment.values()));
        assertThat(written.get("orders.status")).hasSize(OrderStatus.values().length);
        assertThat(written.get("shipments.status")).hasSize(ShipmentStatus.values().length);
        assertThat(written.get("returns.status")).hasSize(ReturnStatus.values().length);
        assertThat(written.get("inventory.reason")).hasSize(InventoryReason.values().length);
    }

    private static void collect(RowWrite w, Map<String, Set<String>> written) {
        for (String column : List.of("status", "reason", "segment")) {
            Object value = null;
            if (w instanceof RowWrite.Insert i && i.table().insertColumns().stream().anyMatch(c -> c.name().equals(column))) {
                value = i.value(column);
            } else if (w instanceof RowWrite.Update u) {
                value = u.assignments().stream().filter(a -> a.column().equals(column))
                        .map(RowWrite.Assignment::value).findFirst().orElse(null);
            }
            if (value != null && !(w.table() == ShopTable.RETURNS && column.equals("reason"))) {
                written.computeIfAbsent(w.table().tableName() + "." + column, k -> new HashSet<>()).add((String) value);
            }
        }
    }

    private static Set<String> symbols(Enum<?>[] values) {
        Set<String> s = new HashSet<>();
        Arrays.stream(values).forEach(v -> s.add(v.name()));
        return s;
    }

    /**
     * The rows as a database would hold them, checking every change: inserts name only rows that
     * exist, updates and deletes hit a live row, and order, shipment and return statuses only
     * move forward through their lifecycle.
     */
    private static final class ShopModel {
        private static final Map<String, Set<String>> NEXT_STATUS = Map.of(
                "orders:pending", Set.of("paid", "cancelled"), "orders:paid", Set.of("shipped"),
                "orders:shipped", Set.of("delivered"), "orders:delivered", Set.of("returned"),
                "shipments:label_created", Set.of("in_transit"), "shipments:in_transit", Set.of("delivered", "lost"),
                "returns:requested", Set.of("received", "rejected"), "returns:received", Set.of("refunded"));

        final Map<ShopTable, Long> inserted = new EnumMap<>(ShopTable.class);
        final Map<ShopTable, Long> deleted = new EnumMap<>(ShopTable.class);
        private final Map<ShopTable, Map<Long, String>> live = new EnumMap<>(ShopTable.class);
        private final Map<Long, Integer> detailsByOrder = new HashMap<>();

        ShopModel() {
            for (ShopTable t : ShopTable.values()) {
                inserted.put(t, 0L);
                deleted.put(t, 0L);
                live.put(t, new HashMap<>());
            }
        }

        void apply(RowWrite w) {
            if (w instanceof RowWrite.Insert i) {
                i.values().forEach(this::requireLive);
                if (i.table() == ShopTable.ORDER_DETAILS) {
                    long order = ((Value.Ref) i.value("order_id")).index();
                    detailsByOrder.merge(order, 1, Integer::sum);
                    assertThat((BigDecimal) i.value("unit_price")).isPositive();
                } else if (i.table().generatorAssignsKey()) {
                    boolean hasStatus = i.table().insertColumns().stream().anyMatch(c -> c.name().equals("status"));
                    assertThat(live.get(i.table()).put(i.index(), hasStatus ? (String) i.value("status") : "")).isNull();
                }
                inserted.merge(i.table(), 1L, Long::sum);
            } else if (w instanceof RowWrite.Update u) {
                u.where().forEach(m -> requireLive(m.value()));
                u.assignments().stream().filter(a -> a.column().equals("status")).findFirst().ifPresent(a -> {
                    long index = ((Value.Ref) u.where().get(0).value()).index();
                    String before = live.get(u.table()).get(index);
                    String after = (String) a.value();
                    assertThat(NEXT_STATUS.getOrDefault(u.table().tableName() + ":" + before, Set.of()))
                            .as("%s %d: %s -> %s", u.table(), index, before, after).contains(after);
                    live.get(u.table()).put(index, after);
                });
            } else if (w instanceof RowWrite.Delete d) {
                Value.Ref ref = (Value.Ref) d.where().get(0).value();
                requireLive(ref);
                if (d.table() == ShopTable.ORDER_DETAILS) {
                    assertThat(live.get(ShopTable.ORDERS).get(ref.index())).isEqualTo("cancelled");
                    deleted.merge(d.table(), (long) detailsByOrder.remove(ref.index()), Long::sum);
                    return;
                }
                if (d.table() == ShopTable.ORDERS) {
                    assertThat(detailsByOrder).as("details deleted before order %d", ref.index())
                            .doesNotContainKey(ref.index());
                }
                if (d.table() == ShopTable.RETURNS) {
                    assertThat(live.get(ShopTable.RETURNS).get(ref.index())).isEqualTo("rejected");
                }
                live.get(d.table()).remove(ref.index());
                deleted.merge(d.table(), 1L, Long::sum);
            }
        }

        private void requireLive(Object value) {
            if (value instanceof Value.Ref ref) {
                switch (ref.table()) {
                    case PRODUCTS -> assertThat(ref.index()).isBetween(0L, (long) SIZES.products() - 1);
                    case WAREHOUSES -> assertThat(ref.index()).isBetween(0L, (long) SIZES.warehouses() - 1);
                    case CUSTOMERS -> assertThat(ref.index())
                            .isBetween(0L, SIZES.customers() - 1 + inserted.get(ShopTable.CUSTOMERS));
                    default -> assertThat(live.get(ref.table())).as("%s row %d exists", ref.table(), ref.index())
                            .containsKey(ref.index());
                }
            }
        }
    }
}
