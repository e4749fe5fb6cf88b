package io.medallion.common.topics;

import java.util.List;

/**
 * The names every service agrees on (DESIGN.md section 3). Each Streams service pairs these
 * names with its serdes in its own typed catalogue; this class only fixes the names.
 */
public final class TopicNames {

    /** Debezium's {@code topic.prefix}: change topics are {@code cdc.<schema>.<table>}. */
    public static final String CDC_PREFIX = "cdc";
    /** The captured source schema. */
    public static final String SHOP_SCHEMA = "shop";
    /** Debezium heartbeats, keyed by server name, carrying {@code ts_ms}. */
    public static final String CAPTURE_HEARTBEAT = "__debezium-heartbeat." + CDC_PREFIX;

    public static final String SILVER_QUARANTINE = "silver.quarantine";
    public static final String SILVER_DEAD_LETTERS = "silver.dead_letters";
    public static final String GOLD_KPI_1M = "gold.kpi_1m";
    public static final String GOLD_LATE_EVENTS = "gold.late_events";
    public static final String GOLD_DEAD_LETTERS = "gold.dead_letters";

    /** The captured tables of the shop, clickstream first. */
    public static final List<String> SHOP_TABLES = List.of(
            "web_events", "customers", "suppliers", "products", "warehouses", "inventory",
            "stock_levels", "orders", "order_details", "shipments", "returns");

    private TopicNames() {
    }

    /** {@code cdc.<schema>.<table>} */
    public static String cdc(String schema, String table) {
        return CDC_PREFIX + "." + schema + "." + table;
    }

    /** {@code cdc.shop.<table>} */
    public static String cdcShop(String table) {
        return cdc(SHOP_SCHEMA, table);
    }

    /** {@code silver.<entity>}; entities are named after their source table. */
    public static String silver(String entity) {
        return "silver." + entity;
    }
}
