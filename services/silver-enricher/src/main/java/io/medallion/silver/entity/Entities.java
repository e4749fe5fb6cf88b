package io.medallion.silver.entity;

import io.medallion.avro.silver.Customer;
import io.medallion.avro.silver.CustomerSegment;
import io.medallion.avro.silver.EventType;
import io.medallion.avro.silver.InventoryMovement;
import io.medallion.avro.silver.InventoryReason;
import io.medallion.avro.silver.Order;
import io.medallion.avro.silver.OrderDetail;
import io.medallion.avro.silver.OrderStatus;
import io.medallion.avro.silver.Product;
import io.medallion.avro.silver.Return;
import io.medallion.avro.silver.ReturnStatus;
import io.medallion.avro.silver.Shipment;
import io.medallion.avro.silver.ShipmentStatus;
import io.medallion.avro.silver.StockLevel;
import io.medallion.avro.silver.Supplier;
import io.medallion.avro.silver.Warehouse;
import io.medallion.avro.silver.WebEvent;
import io.medallion.common.topics.TopicNames;
import io.medallion.silver.validate.Formats;
import io.medallion.silver.validate.Rules.Condition;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.medallion.silver.pii.PiiKind.EMAIL;
import static io.medallion.silver.pii.PiiKind.NAME;
import static io.medallion.silver.pii.PiiKind.PHONE;
import static io.medallion.silver.validate.Rules.decimal;
import static io.medallion.silver.validate.Rules.email;
import static io.medallion.silver.validate.Rules.is;
import static io.medallion.silver.validate.Rules.isoCountry;
import static io.medallion.silver.validate.Rules.isoCurrency;
import static io.medallion.silver.validate.Rules.notAfterCommit;
import static io.medallion.silver.validate.Rules.notNegative;
import static io.medallion.silver.validate.Rules.numericId;
import static io.medallion.silver.validate.Rules.oneOf;
import static io.medallion.silver.validate.Rules.phone;
import static io.medallion.silver.validate.Rules.positive;
import static io.medallion.silver.validate.Rules.required;
import static io.medallion.silver.validate.Rules.uuid;
import static io.medallion.silver.validate.Rules.when;

/**
 * The silver entities: one declaration per source table with its rule table, personal data,
 * derived fields and references. This is the one place to read (and change) what silver
 * accepts. Money is {@code decimal(12,2)} throughout, as in the silver contracts.
 */
public final class Entities {

    private static final int PRECISION = 12;
    private static final int SCALE = 2;

    private final Entity<String, WebEvent> clickstream;
    private final Map<String, Entity<?, ?>> byTable;

    /** @param maxFutureSkew how far after the source commit time a row's timestamps may lie */
    public Entities(Duration maxFutureSkew) {
        this.clickstream = webEvents(maxFutureSkew);
        List<Entity<?, ?>> all = List.of(
                clickstream, customers(maxFutureSkew), suppliers(maxFutureSkew), products(maxFutureSkew),
                warehouses(maxFutureSkew), inventory(maxFutureSkew), stockLevels(maxFutureSkew), orders(maxFutureSkew),
                orderDetails(), shipments(maxFutureSkew), returns(maxFutureSkew));
        this.byTable = all.stream().collect(Collectors.toMap(Entity::table, Function.identity(),
                (a, b) -> a, LinkedHashMap::new));
        if (!byTable.keySet().equals(new LinkedHashSet<>(TopicNames.SHOP_TABLES))) {
            throw new IllegalStateException("entities " + byTable.keySet() + " do not match the captured tables " + TopicNames.SHOP_TABLES);
        }
    }

    /** Every entity, clickstream first, in {@link TopicNames#SHOP_TABLES} order. */
    public List<Entity<?, ?>> all() {
        return List.copyOf(byTable.values());
    }

    /** The clickstream entity ({@code web_events}), typed. */
    public Entity<String, WebEvent> clickstream() {
        return clickstream;
    }

    /** The {@code cdc.shop.*} topics whose rows hold personal data: their raw bytes never leave the service. */
    public Set<String> personalSourceTopics() {
        return byTable.values().stream().filter(Entity::holdsPersonalData).map(Entity::sourceTopic).collect(Collectors.toUnmodifiableSet());
    }

    public Entity<?, ?> get(String table) {
        Entity<?, ?> e = byTable.get(table);
        if (e == null) {
            throw new IllegalArgumentException("no silver entity for table " + table);
        }
        return e;
    }

    static Entity<String, WebEvent> webEvents(Duration skew) {
        Condition purchase = is("event_type", "purchase");
        return Entity.builder("web_events", String.class, WebEvent.class)
                .sourceKey("id").key("event_id").deduplicateBy(Deduplication.EVENT_ID).eventTime("ts")
                .rules(
                        required("id"),
                        required("event_id"), uuid("event_id"),
                        required("user_id"),
                        required("event_type"), oneOf("event_type", EventType.class),
                        numericId("product_id"),
                        decimal("price", PRECISION, SCALE), notNegative("price"),
                        notNegative("quantity"),
                        isoCurrency("currency"),
                        when(purchase, required("price"), positive("price"),
                                required("quantity"), positive("quantity"), required("currency")),
                        required("ts"), notAfterCommit("ts", skew),
                        isoCountry("country"))
                .derive("event_id", (row, t) -> Formats.canonicalUuid(row.text("event_id")))
                .derive("product_id", (row, t) -> row.isPresent("product_id") ? Long.parseLong(row.text("product_id").trim()) : null)
                .reference("product_id", "products", Product.class, (event, product) -> {
                    event.setProductCategory(product.getCategory());
                    event.setProductBrand(product.getBrand());
                }, List.of("product_category", "product_brand"))
                .build();
    }

    static Entity<Long, Customer> customers(Duration skew) {
        return Entity.builder("customers", Long.class, Customer.class)
                .sourceKey("customer_id").key("customer_id")
                .rules(
                        required("customer_id"),
                        required("first_name"), required("last_name"),
                        required("email"), email("email"),
                        phone("phone"),
                        required("country"), isoCountry("country"),
                        required("segment"), oneOf("segment", CustomerSegment.class),
                        required("created_at"), notAfterCommit("created_at", skew),
                        required("updated_at"), notAfterCommit("updated_at", skew))
                .tokenize("first_name", NAME, "first_name_token")
                .tokenize("last_name", NAME, "last_name_token")
                .tokenize("email", EMAIL, "email_token")
                .emailDomain("email", "email_domain")
                .tokenize("phone", PHONE, "phone_token")
                .build();
    }

    static Entity<Long, Supplier> suppliers(Duration skew) {
        return Entity.builder("suppliers", Long.class, Supplier.class)
                .sourceKey("supplier_id").key("supplier_id")
                .rules(
                        required("supplier_id"),
                        required("name"),
                        email("contact_email"),
                        phone("contact_phone"),
                        required("country"), isoCountry("country"),
                        required("created_at"), notAfterCommit("created_at", skew),
                        required("updated_at"), notAfterCommit("updated_at", skew))
                .tokenize("contact_name", NAME, "contact_name_token")
                .tokenize("contact_email", EMAIL, "contact_email_token")
                .emailDomain("contact_email", "contact_email_domain")
                .tokenize("contact_phone", PHONE, "contact_phone_token")
                .build();
    }

    static Entity<Long, Product> products(Duration skew) {
        return Entity.builder("products", Long.class, Product.class)
                .sourceKey("product_id").key("product_id")
                .rules(
                        required("product_id"),
                        required("sku"), required("name"), required("category"),
                        required("unit_price"), decimal("unit_price", PRECISION, SCALE), notNegative("unit_price"),
                        required("currency"), isoCurrency("currency"),
                        required("active"),
                        required("created_at"), notAfterCommit("created_at", skew),
                        required("updated_at"), notAfterCommit("updated_at", skew))
                .reference("supplier_id", "suppliers", Supplier.class)
                .build();
    }

    static Entity<Long, Warehouse> warehouses(Duration skew) {
        return Entity.builder("warehouses", Long.class, Warehouse.class)
                .sourceKey("warehouse_id").key("warehouse_id")
                .rules(
                        required("warehouse_id"),
                        required("code"), required("name"), required("city"),
                        required("country"), isoCountry("country"),
                        required("capacity"), positive("capacity"),
                        required("created_at"), notAfterCommit("created_at", skew))
                .build();
    }

    static Entity<Long, InventoryMovement> inventory(Duration skew) {
        return Entity.builder("inventory", Long.class, InventoryMovement.class)
                .sourceKey("inventory_id").key("inventory_id")
                .rules(
                        required("inventory_id"),
                        required("product_id"), required("warehouse_id"),
                        required("quantity_delta"),
                        required("reason"), oneOf("reason", InventoryReason.class),
                        required("moved_at"), notAfterCommit("moved_at", skew))
                .reference("product_id", "products", Product.class)
                .reference("warehouse_id", "warehouses", Warehouse.class)
                .build();
    }

    static Entity<Long, StockLevel> stockLevels(Duration skew) {
        return Entity.builder("stock_levels", Long.class, StockLevel.class)
                .sourceKey("stock_level_id").key("stock_level_id")
                .rules(
                        required("stock_level_id"),
                        required("product_id"), required("warehouse_id"),
                        required("quantity_on_hand"), notNegative("quantity_on_hand"),
                        required("quantity_reserved"), notNegative("quantity_reserved"),
                        required("reorder_point"), notNegative("reorder_point"),
                        required("updated_at"), notAfterCommit("updated_at", skew))
                .reference("product_id", "products", Product.class)
                .reference("warehouse_id", "warehouses", Warehouse.class)
                .build();
    }

    static Entity<Long, Order> orders(Duration skew) {
        return Entity.builder("orders", Long.class, Order.class)
                .sourceKey("order_id").key("order_id")
                .rules(
                        required("order_id"),
                        required("customer_id"),
                        required("status"), oneOf("status", OrderStatus.class),
                        required("order_ts"), notAfterCommit("order_ts", skew),
                        required("currency"), isoCurrency("currency"),
                        required("total_amount"), decimal("total_amount", PRECISION, SCALE), notNegative("total_amount"),
                        required("updated_at"), notAfterCommit("updated_at", skew))
                .reference("customer_id", "customers", Customer.class, (order, customer) -> {
                    order.setCustomerCountry(customer.getCountry());
                    order.setCustomerSegment(customer.getSegment());
                }, List.of("customer_country", "customer_segment"))
                .build();
    }

    static Entity<Long, OrderDetail> orderDetails() {
        return Entity.builder("order_details", Long.class, OrderDetail.class)
                .sourceKey("order_detail_id").key("order_detail_id")
                .rules(
                        required("order_detail_id"),
                        required("order_id"), required("product_id"),
                        required("quantity"), positive("quantity"),
                        required("unit_price"), decimal("unit_price", PRECISION, SCALE), notNegative("unit_price"),
                        required("discount"), decimal("discount", PRECISION, SCALE), notNegative("discount"))
                .reference("order_id", "orders", Order.class)
                .reference("product_id", "products", Product.class)
                .build();
    }

    static Entity<Long, Shipment> shipments(Duration skew) {
        return Entity.builder("shipments", Long.class, Shipment.class)
                .sourceKey("shipment_id").key("shipment_id")
                .rules(
                        required("shipment_id"),
                        required("order_id"), required("warehouse_id"),
                        required("carrier"),
                        required("status"), oneOf("status", ShipmentStatus.class),
                        notAfterCommit("shipped_at", skew),
                        notAfterCommit("delivered_at", skew))
                .reference("order_id", "orders", Order.class)
                .reference("warehouse_id", "warehouses", Warehouse.class)
                .build();
    }

    static Entity<Long, Return> returns(Duration skew) {
        return Entity.builder("returns", Long.class, Return.class)
                .sourceKey("return_id").key("return_id")
                .rules(
                        required("return_id"),
                        required("order_id"), required("product_id"),
                        required("quantity"), positive("quantity"),
                        required("status"), oneOf("status", ReturnStatus.class),
                        decimal("refund_amount", PRECISION, SCALE), notNegative("refund_amount"),
                        required("requested_at"), notAfterCommit("requested_at", skew))
                .reference("order_id", "orders", Order.class)
                .reference("product_id", "products", Product.class)
                .build();
    }
}
