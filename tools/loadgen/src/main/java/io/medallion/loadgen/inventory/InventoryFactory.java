package io.medallion.loadgen.inventory;

import static io.medallion.loadgen.model.RowWrite.Assignment.add;
import static io.medallion.loadgen.model.RowWrite.Assignment.set;
import static io.medallion.loadgen.model.Value.Now.NOW;
import static io.medallion.loadgen.model.Value.ref;

import io.medallion.loadgen.model.Catalog;
import io.medallion.loadgen.model.Draw;
import io.medallion.loadgen.model.RowWrite;
import io.medallion.loadgen.model.RowWrite.Match;
import io.medallion.loadgen.model.ShopTable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The shop's inventory-management traffic as a pure, seeded sequence of operations, each one
 * transaction's worth of row changes. Orders live through pending, paid, shipped and
 * delivered (or cancelled, then purged with their details); shipments through label_created,
 * in_transit and delivered (a few lost); returns through requested, then received and refunded
 * or rejected and deleted. Stock moves with every shipment, receipt, return and adjustment, and
 * customers and products change (prices, categories, e-mail addresses, segments).
 *
 * <p>The factory keeps its own model of the shop, so the same seed and sizes give the same
 * operations whatever the database answers. Entities move first-in first-out through their
 * lifecycle; one older than {@link #LIVE_WINDOW} creations of its table is forgotten, which
 * bounds memory here and in the writer's key map.
 */
public final class InventoryFactory {

    /** How many recent rows of a table the factory may still change. */
    public static final int LIVE_WINDOW = 100_000;
    private static final int MAX_DELIVERED_KEPT = 10_000;

    /** The operations and their relative frequency. */
    public enum Operation {
        NEW_ORDER(20), PAY_ORDER(14), CANCEL_ORDER(4), PURGE_CANCELLED_ORDER(3), SHIP_ORDER(12),
        ADVANCE_SHIPMENT(20), REQUEST_RETURN(3), ADVANCE_RETURN(4), DELETE_REJECTED_RETURN(1), RESTOCK(6),
        ADJUST_STOCK(2), UPDATE_CUSTOMER(5), NEW_CUSTOMER(2), UPDATE_PRODUCT(3), PURGE_OLD_MOVEMENTS(1);

        private final int weight;

        Operation(int weight) {
            this.weight = weight;
        }
    }

    /** One operation and its rows, in the order they must be applied. */
    public record Step(Operation operation, List<RowWrite> writes) {
    }

    private record Line(int product, int quantity, BigDecimal unitPrice, BigDecimal discount) {
    }

    private static final class Order {
        final long index;
        final List<Line> lines;
        int warehouse = -1;

        Order(long index, List<Line> lines) {
            this.index = index;
            this.lines = lines;
        }
    }

    private record Shipment(long index, Order order) {
    }

    private record Return(long index, Order order, Line line, int quantity) {
    }

    private static final Operation[] OPERATIONS = Operation.values();
    private static final int[] WEIGHTS = Arrays.stream(OPERATIONS).mapToInt(o -> o.weight).toArray();
    private static final List<String> CARRIERS = List.of("DHL", "UPS", "DPD", "GLS", "PostNL", "Colissimo");
    private static final List<String> RETURN_REASONS = List.of(
            "damaged", "wrong_size", "not_as_described", "changed_mind", "late_delivery");

    private final SplittableRandom rng;
    private final ShopSizes sizes;
    private final BigDecimal[] prices;
    private final String[] categories;
    private final Map<ShopTable, Long> created = new EnumMap<>(ShopTable.class);
    private long customers;

    private final ArrayDeque<Order> pending = new ArrayDeque<>();
    private final ArrayDeque<Order> paid = new ArrayDeque<>();
    private final ArrayDeque<Order> cancelled = new ArrayDeque<>();
    private final ArrayDeque<Order> delivered = new ArrayDeque<>();
    private final ArrayDeque<Shipment> labelled = new ArrayDeque<>();
    private final ArrayDeque<Shipment> inTransit = new ArrayDeque<>();
    private final ArrayDeque<Return> requested = new ArrayDeque<>();
    private final ArrayDeque<Return> received = new ArrayDeque<>();
    private final ArrayDeque<Return> rejected = new ArrayDeque<>();
    private final ArrayDeque<Long> movements = new ArrayDeque<>();

    public InventoryFactory(long seed, ShopSizes sizes, Catalog catalog) {
        this.rng = new SplittableRandom(seed);
        this.sizes = sizes;
        this.prices = new BigDecimal[sizes.products()];
        this.categories = new String[sizes.products()];
        for (int p = 0; p < sizes.products(); p++) {
            prices[p] = catalog.product(p).unitPrice();
            categories[p] = catalog.product(p).category();
        }
        this.customers = sizes.customers();
    }

    public Step next() {
        Operation op = OPERATIONS[Draw.weighted(rng, WEIGHTS)];
        List<RowWrite> writes = new ArrayList<>();
        if (!apply(op, writes)) {
            op = Operation.NEW_ORDER;
            apply(op, writes);
        }
        return new Step(op, List.copyOf(writes));
    }

    /** Adds the operation's rows; false when nothing is in the state it needs. */
    private boolean apply(Operation op, List<RowWrite> w) {
        return switch (op) {
            case NEW_ORDER -> newOrder(w);
            case PAY_ORDER -> advanceOrder(pending, paid, "paid", w);
            case CANCEL_ORDER -> advanceOrder(pending, cancelled, "cancelled", w);
            case PURGE_CANCELLED_ORDER -> purgeCancelledOrder(w);
            case SHIP_ORDER -> shipOrder(w);
            case ADVANCE_SHIPMENT -> advanceShipment(w);
            case REQUEST_RETURN -> requestReturn(w);
            case ADVANCE_RETURN -> advanceReturn(w);
            case DELETE_REJECTED_RETURN -> deleteRejectedReturn(w);
            case RESTOCK -> moveStock(Draw.skewedIndex(rng, sizes.products()), rng.nextInt(sizes.warehouses()),
                    Draw.between(rng, 20, 200), "receipt", w);
            case ADJUST_STOCK -> moveStock(rng.nextInt(sizes.products()), rng.nextInt(sizes.warehouses()),
                    (rng.nextBoolean() ? 1 : -1) * Draw.between(rng, 1, 5), "adjustment", w);
            case UPDATE_CUSTOMER -> updateCustomer(w);
            case NEW_CUSTOMER -> newCustomer(w);
            case UPDATE_PRODUCT -> updateProduct(w);
            case PURGE_OLD_MOVEMENTS -> purgeOldMovements(w);
        };
    }

    private boolean newOrder(List<RowWrite> w) {
        long order = nextIndex(ShopTable.ORDERS);
        int lineCount = Draw.between(rng, 1, 4);
        List<Line> lines = new ArrayList<>(lineCount);
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < lineCount; i++) {
            int product = Draw.skewedIndex(rng, sizes.products());
            int quantity = Draw.between(rng, 1, 3);
            BigDecimal gross = prices[product].multiply(BigDecimal.valueOf(quantity));
            BigDecimal discount = rng.nextInt(10) == 0
                    ? gross.multiply(new BigDecimal("0.05")).setScale(2, RoundingMode.HALF_UP)
                    : new BigDecimal("0.00");
            lines.add(new Line(product, quantity, prices[product], discount));
            total = total.add(gross).subtract(discount);
        }
        w.add(RowWrite.Insert.of(ShopTable.ORDERS, order, ref(ShopTable.CUSTOMERS, rng.nextLong(customers)),
                "pending", NOW, "EUR", total, NOW));
        for (Line line : lines) {
            w.add(RowWrite.Insert.of(ShopTable.ORDER_DETAILS, RowWrite.NO_INDEX, ref(ShopTable.ORDERS, order),
                    ref(ShopTable.PRODUCTS, line.product()), line.quantity(), line.unitPrice(), line.discount()));
        }
        pending.add(new Order(order, lines));
        return true;
    }

    private boolean advanceOrder(ArrayDeque<Order> from, ArrayDeque<Order> to, String status, List<RowWrite> w) {
        Order order = pollLive(from);
        if (order == null) {
            return false;
        }
        w.add(orderStatus(order, status));
        to.add(order);
        return true;
    }

    /** A cancelled order is deleted with its details, details first (they reference it). */
    private boolean purgeCancelledOrder(List<RowWrite> w) {
        Order order = pollLive(cancelled);
        if (order == null) {
            return false;
        }
        w.add(new RowWrite.Delete(ShopTable.ORDER_DETAILS,
                List.of(new Match("order_id", ref(ShopTable.ORDERS, order.index)))));
        w.add(RowWrite.deleteByKey(ShopTable.ORDERS, order.index));
        return true;
    }

    private boolean shipOrder(List<RowWrite> w) {
        Order order = pollLive(paid);
        if (order == null) {
            return false;
        }
        order.warehouse = rng.nextInt(sizes.warehouses());
        long shipment = nextIndex(ShopTable.SHIPMENTS);
        w.add(RowWrite.Insert.of(ShopTable.SHIPMENTS, shipment, ref(ShopTable.ORDERS, order.index),
                ref(ShopTable.WAREHOUSES, order.warehouse), Draw.oneOf(rng, CARRIERS), "TRK" + Draw.digits(rng, 12),
                "label_created", null, null));
        w.add(orderStatus(order, "shipped"));
        for (Line line : order.lines) {
            moveStock(line.product(), order.warehouse, -line.quantity(), "sale", w);
        }
        labelled.add(new Shipment(shipment, order));
        return true;
    }

    private boolean advanceShipment(List<RowWrite> w) {
        boolean deliver = !inTransit.isEmpty() && (labelled.isEmpty() || rng.nextBoolean());
        Shipment shipment = pollLive(deliver ? inTransit : labelled);
        if (shipment == null) {
            return false;
        }
        if (!deliver) {
            w.add(RowWrite.updateByKey(ShopTable.SHIPMENTS, shipment.index(),
                    set("status", "in_transit"), set("shipped_at", NOW)));
            inTransit.add(shipment);
        } else if (rng.nextInt(100) < 3) {
            w.add(RowWrite.updateByKey(ShopTable.SHIPMENTS, shipment.index(), set("status", "lost")));
        } else {
            w.add(RowWrite.updateByKey(ShopTable.SHIPMENTS, shipment.index(),
                    set("status", "delivered"), set("delivered_at", NOW)));
            w.add(orderStatus(shipment.order(), "delivered"));
            delivered.add(shipment.order());
            if (delivered.size() > MAX_DELIVERED_KEPT) {
                delivered.poll();
            }
        }
        return true;
    }

    private boolean requestReturn(List<RowWrite> w) {
        Order order = pollLive(delivered);
        if (order == null) {
            return false;
        }
        Line line = order.lines.get(rng.nextInt(order.lines.size()));
        int quantity = Draw.between(rng, 1, line.quantity());
        long ret = nextIndex(ShopTable.RETURNS);
        w.add(RowWrite.Insert.of(ShopTable.RETURNS, ret, ref(ShopTable.ORDERS, order.index),
                ref(ShopTable.PRODUCTS, line.product()), quantity, Draw.oneOf(rng, RETURN_REASONS), "requested",
                null, NOW));
        requested.add(new Return(ret, order, line, quantity));
        return true;
    }

    /** requested: received (restocked) or rejected; received: refunded, and the order is returned. */
    private boolean advanceReturn(List<RowWrite> w) {
        boolean refund = !received.isEmpty() && (requested.isEmpty() || rng.nextBoolean());
        Return ret = pollLive(refund ? received : requested);
        if (ret == null) {
            return false;
        }
        if (refund) {
            BigDecimal amount = ret.line().unitPrice().multiply(BigDecimal.valueOf(ret.quantity()));
            w.add(RowWrite.updateByKey(ShopTable.RETURNS, ret.index(),
                    set("status", "refunded"), set("refund_amount", amount)));
            w.add(orderStatus(ret.order(), "returned"));
        } else if (rng.nextInt(100) < 80) {
            w.add(RowWrite.updateByKey(ShopTable.RETURNS, ret.index(), set("status", "received")));
            moveStock(ret.line().product(), ret.order().warehouse, ret.quantity(), "customer_return", w);
            received.add(ret);
        } else {
            w.add(RowWrite.updateByKey(ShopTable.RETURNS, ret.index(), set("status", "rejected")));
            rejected.add(ret);
        }
        return true;
    }

    private boolean deleteRejectedReturn(List<RowWrite> w) {
        Return ret = pollLive(rejected);
        if (ret == null) {
            return false;
        }
        w.add(RowWrite.deleteByKey(ShopTable.RETURNS, ret.index()));
        return true;
    }

    /**
     * A stock movement in the ledger and the matching change of the stock level, written as an
     * increment so the level stays right whatever it was (the factory does not track stock).
     */
    private boolean moveStock(int product, int warehouse, int delta, String reason, List<RowWrite> w) {
        long movement = nextIndex(ShopTable.INVENTORY);
        w.add(RowWrite.Insert.of(ShopTable.INVENTORY, movement, ref(ShopTable.PRODUCTS, product),
                ref(ShopTable.WAREHOUSES, warehouse), delta, reason, NOW));
        w.add(new RowWrite.Update(ShopTable.STOCK_LEVELS,
                List.of(add("quantity_on_hand", delta), set("updated_at", NOW)),
                List.of(new Match("product_id", ref(ShopTable.PRODUCTS, product)),
                        new Match("warehouse_id", ref(ShopTable.WAREHOUSES, warehouse)))));
        movements.add(movement);
        return true;
    }

    private boolean updateCustomer(List<RowWrite> w) {
        long customer = rng.nextLong(customers);
        RowWrite.Assignment change = switch (rng.nextInt(3)) {
            case 0 -> set("email", People.email(Draw.oneOf(rng, People.FIRST_NAMES),
                    Draw.oneOf(rng, People.LAST_NAMES), customer + 1));
            case 1 -> set("phone", People.phone(rng));
            default -> set("segment", ReferenceData.SEGMENTS.get(Draw.weighted(rng, ReferenceData.SEGMENT_WEIGHTS)));
        };
        w.add(RowWrite.updateByKey(ShopTable.CUSTOMERS, customer, change, set("updated_at", NOW)));
        return true;
    }

    private boolean newCustomer(List<RowWrite> w) {
        w.add(ReferenceData.customer(rng, customers));
        customers++;
        return true;
    }

    /** A price change of up to 10 % either way (never below 0.50), or a move to another category. */
    private boolean updateProduct(List<RowWrite> w) {
        int product = rng.nextInt(sizes.products());
        if (rng.nextInt(10) < 7) {
            BigDecimal factor = BigDecimal.valueOf(0.9 + 0.2 * rng.nextDouble());
            prices[product] = prices[product].multiply(factor).setScale(2, RoundingMode.HALF_UP)
                    .max(new BigDecimal("0.50"));
            w.add(RowWrite.updateByKey(ShopTable.PRODUCTS, product, set("unit_price", prices[product]),
                    set("updated_at", NOW)));
        } else {
            List<String> others = Catalog.CATEGORIES.stream().filter(c -> !c.equals(categories[product])).toList();
            categories[product] = Draw.oneOf(rng, others);
            w.add(RowWrite.updateByKey(ShopTable.PRODUCTS, product, set("category", categories[product]),
                    set("updated_at", NOW)));
        }
        return true;
    }

    /** Deletes up to three of the oldest stock movements still remembered. */
    private boolean purgeOldMovements(List<RowWrite> w) {
        for (int i = 0; i < 3; i++) {
            Long movement = movements.peek();
            while (movement != null && stale(ShopTable.INVENTORY, movement)) {
                movements.poll();
                movement = movements.peek();
            }
            if (movement == null) {
                break;
            }
            movements.poll();
            w.add(RowWrite.deleteByKey(ShopTable.INVENTORY, movement));
        }
        return !w.isEmpty();
    }

    private RowWrite orderStatus(Order order, String status) {
        return RowWrite.updateByKey(ShopTable.ORDERS, order.index, set("status", status), set("updated_at", NOW));
    }

    private long nextIndex(ShopTable table) {
        long index = created.getOrDefault(table, 0L);
        created.put(table, index + 1);
        return index;
    }

    private boolean stale(ShopTable table, long index) {
        return index < created.getOrDefault(table, 0L) - LIVE_WINDOW;
    }

    /** The oldest entry whose rows are all still inside the live window; older ones are dropped. */
    private <T> T pollLive(ArrayDeque<T> queue) {
        T head;
        while ((head = queue.poll()) != null) {
            if (live(head)) {
                return head;
            }
        }
        return null;
    }

    private boolean live(Object entry) {
        if (entry instanceof Order o) {
            return !stale(ShopTable.ORDERS, o.index);
        } else if (entry instanceof Shipment s) {
            return !stale(ShopTable.SHIPMENTS, s.index()) && live(s.order());
        } else if (entry instanceof Return r) {
            return !stale(ShopTable.RETURNS, r.index()) && live(r.order());
        }
        throw new IllegalArgumentException("not a lifecycle entry: " + entry);
    }
}
