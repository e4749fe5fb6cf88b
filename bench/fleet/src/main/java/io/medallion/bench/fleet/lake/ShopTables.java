package io.medallion.bench.fleet.lake;

import io.medallion.common.topics.TopicNames;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The captured shop tables, their primary-key columns, and where each layer keeps them in the lake. */
public final class ShopTables {

    public static final String CLICKSTREAM = "web_events";

    /** Every shop table's primary key is its first column, a bigserial. */
    private static final Map<String, String> KEYS = Map.ofEntries(
            Map.entry("web_events", "id"), Map.entry("customers", "customer_id"), Map.entry("suppliers", "supplier_id"),
            Map.entry("products", "product_id"), Map.entry("warehouses", "warehouse_id"),
            Map.entry("inventory", "inventory_id"), Map.entry("stock_levels", "stock_level_id"),
            Map.entry("orders", "order_id"), Map.entry("order_details", "order_detail_id"),
            Map.entry("shipments", "shipment_id"), Map.entry("returns", "return_id"));

    private ShopTables() {
    }

    public static List<String> all() {
        return TopicNames.SHOP_TABLES;
    }

    public static String keyColumn(String table) {
        String key = KEYS.get(table);
        if (key == null) {
            throw new IllegalArgumentException("not a shop table: " + table);
        }
        return key;
    }

    public static Path bronze(Path lake, String table) {
        return lake.resolve("bronze").resolve(TopicNames.SHOP_SCHEMA + "_" + table);
    }

    public static Path silver(Path lake, String table) {
        return lake.resolve("silver").resolve(table);
    }

    /**
     * The topic a lake table is written from: {@code bronze/shop_orders} from {@code cdc.shop.orders},
     * {@code silver/x} from {@code silver.x}, {@code gold/x} from {@code gold.x}; empty for a sink's
     * own dead-letter table.
     */
    public static Optional<String> topicOf(String layer, String tableDirectory) {
        if (tableDirectory.equals("_sink_dead_letters")) {
            return Optional.empty();
        }
        return switch (layer) {
            case "bronze" -> tableDirectory.startsWith(TopicNames.SHOP_SCHEMA + "_")
                    ? Optional.of(TopicNames.cdcShop(tableDirectory.substring(TopicNames.SHOP_SCHEMA.length() + 1)))
                    : Optional.empty();
            case "silver", "gold" -> Optional.of(layer + "." + tableDirectory);
            default -> Optional.empty();
        };
    }
}
