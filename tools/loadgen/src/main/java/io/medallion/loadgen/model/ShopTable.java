package io.medallion.loadgen.model;

import java.sql.JDBCType;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shop's tables as the generator writes them (db/shop-schema.sql), in foreign-key order:
 * a table only references tables declared before it, so inserts run in this order and deletes
 * in reverse.
 *
 * <p>{@code insertColumns} are the columns the generator fills; the others keep their DDL
 * defaults, and {@code laterColumns} are the defaulted ones it changes in updates. For a table
 * with {@code generatorAssignsKey} the generator reserves the key from the table's sequence and
 * writes it explicitly, because later changes (updates, deletes, foreign keys) must name the
 * row; the other tables let the database assign it.
 */
public enum ShopTable {
    SUPPLIERS("suppliers", "supplier_id", true, List.of(
            text("name"), text("contact_name"), text("contact_email"), text("contact_phone"), text("country"))),
    WAREHOUSES("warehouses", "warehouse_id", true, List.of(
            text("code"), text("name"), text("country"), text("city"), integer("capacity"))),
    PRODUCTS("products", "product_id", true, List.of(
            text("sku"), text("name"), text("category"), text("brand"), bigint("supplier_id"),
            numeric("unit_price"), text("currency"), bool("active")),
            timestamp("updated_at")),
    CUSTOMERS("customers", "customer_id", true, List.of(
            text("first_name"), text("last_name"), text("email"), text("phone"), text("country"),
            text("segment")),
            timestamp("updated_at")),
    STOCK_LEVELS("stock_levels", "stock_level_id", false, List.of(
            bigint("product_id"), bigint("warehouse_id"), integer("quantity_on_hand"),
            integer("quantity_reserved"), integer("reorder_point")),
            timestamp("updated_at")),
    INVENTORY("inventory", "inventory_id", true, List.of(
            bigint("product_id"), bigint("warehouse_id"), integer("quantity_delta"), text("reason"),
            timestamp("moved_at"))),
    ORDERS("orders", "order_id", true, List.of(
            bigint("customer_id"), text("status"), timestamp("order_ts"), text("currency"),
            numeric("total_amount"), timestamp("updated_at"))),
    ORDER_DETAILS("order_details", "order_detail_id", false, List.of(
            bigint("order_id"), bigint("product_id"), integer("quantity"), numeric("unit_price"),
            numeric("discount"))),
    SHIPMENTS("shipments", "shipment_id", true, List.of(
            bigint("order_id"), bigint("warehouse_id"), text("carrier"), text("tracking_number"),
            text("status"), timestamp("shipped_at"), timestamp("delivered_at"))),
    RETURNS("returns", "return_id", true, List.of(
            bigint("order_id"), bigint("product_id"), integer("quantity"), text("reason"), text("status"),
            numeric("refund_amount"), timestamp("requested_at"))),
    WEB_EVENTS("web_events", "id", false, List.of(
            text("event_id"), text("user_id"), text("product_id"), text("event_type"), numeric("price"),
            integer("quantity"), text("currency"), timestamp("ts"), text("country"), text("device"),
            text("campaign")));

    public static final String SCHEMA = "shop";

    /** A column and the JDBC type a null is bound with. */
    public record Column(String name, JDBCType type) {
    }

    private final String tableName;
    private final String keyColumn;
    private final boolean generatorAssignsKey;
    private final List<Column> insertColumns;
    private final List<Column> laterColumns;

    ShopTable(String tableName, String keyColumn, boolean generatorAssignsKey, List<Column> insertColumns,
              Column... laterColumns) {
        this.tableName = tableName;
        this.keyColumn = keyColumn;
        this.generatorAssignsKey = generatorAssignsKey;
        this.insertColumns = insertColumns;
        this.laterColumns = List.of(laterColumns);
    }

    public String tableName() {
        return tableName;
    }

    public String qualifiedName() {
        return SCHEMA + "." + tableName;
    }

    public String keyColumn() {
        return keyColumn;
    }

    public boolean generatorAssignsKey() {
        return generatorAssignsKey;
    }

    public List<Column> insertColumns() {
        return insertColumns;
    }

    public Column column(String name) {
        if (name.equals(keyColumn)) {
            return bigint(keyColumn);
        }
        return Stream.concat(insertColumns.stream(), laterColumns.stream())
                .filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(qualifiedName() + " has no column " + name));
    }

    private static Column text(String name) {
        return new Column(name, JDBCType.VARCHAR);
    }

    private static Column integer(String name) {
        return new Column(name, JDBCType.INTEGER);
    }

    private static Column bigint(String name) {
        return new Column(name, JDBCType.BIGINT);
    }

    private static Column numeric(String name) {
        return new Column(name, JDBCType.NUMERIC);
    }

    private static Column bool(String name) {
        return new Column(name, JDBCType.BOOLEAN);
    }

    private static Column timestamp(String name) {
        return new Column(name, JDBCType.TIMESTAMP_WITH_TIMEZONE);
    }
}
