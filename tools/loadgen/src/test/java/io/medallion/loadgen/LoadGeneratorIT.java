package io.medallion.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medallion.common.config.ConfigException;
import io.medallion.common.config.Settings;
import io.medallion.loadgen.model.ShopTable;
import io.medallion.testkit.LocalResources;
import io.medallion.testkit.SharedServers;
import io.medallion.testkit.postgres.EmbeddedPostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LoadGeneratorIT {

    private final EmbeddedPostgresServer pg = SharedServers.postgres();

    private String newDatabase() {
        String name = "loadgen_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        pg.createDatabase(name);
        return name;
    }

    private LoadConfig config(String database, String... keyValues) {
        Map<String, String> m = new HashMap<>(Map.of(
                LoadConfig.JDBC_URL, pg.jdbcUrl(database),
                LoadConfig.USER, pg.user(),
                LoadConfig.PASSWORD, pg.password(),
                LoadConfig.PRODUCTS, "100",
                LoadConfig.CUSTOMERS, "300"));
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return LoadConfig.from(Settings.of(m));
    }

    @Test
    void installingTwiceChangesNothingAndExistingTablesAreLeftAlone() throws Exception {
        String db = newDatabase();
        try (Connection c = pg.connect(db); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA shop");
            s.execute("CREATE TABLE shop.customers (customer_id bigserial PRIMARY KEY, first_name text NOT NULL,"
                    + " last_name text NOT NULL, email text NOT NULL, phone text, country char(2) NOT NULL,"
                    + " segment text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(),"
                    + " updated_at timestamptz NOT NULL DEFAULT now())");
        }
        LoadConfig config = config(db);

        SchemaInstaller.Report first = SchemaInstaller.install(config.database());
        SchemaInstaller.Report second = SchemaInstaller.install(config.database());

        assertThat(first.existingTables()).containsExactly("shop.customers");
        assertThat(first.createdTables()).hasSize(11).contains("shop.orders", "shop.web_events", "shop.capture_heartbeat");
        assertThat(first.publicationCreated()).isTrue();
        assertThat(second.createdTables()).isEmpty();
        assertThat(second.existingTables()).hasSize(12);
        assertThat(second.publicationCreated()).isFalse();
        try (Connection c = pg.connect(db); Statement s = c.createStatement()) {
            assertThat(single(s, "SELECT relreplident FROM pg_class WHERE oid = 'shop.customers'::regclass")).isEqualTo("d");
            assertThat(single(s, "SELECT relreplident FROM pg_class WHERE oid = 'shop.orders'::regclass")).isEqualTo("f");
            assertThat(single(s, "SELECT relreplident FROM pg_class WHERE oid = 'shop.web_events'::regclass")).isEqualTo("d");
            assertThat(single(s, "SELECT count(*) FROM pg_publication_tables WHERE pubname = 'medallion'")).isEqualTo("12");
            assertThat(single(s, "SELECT count(*) FROM pg_indexes WHERE indexname = 'order_details_order_id_idx'"))
                    .isEqualTo("1");
        }
    }

    @Test
    void anUnreachableOrMissingDatabaseNamesTheUrlSetting() {
        String closedPort = "jdbc:postgresql://localhost:" + LocalResources.freePort() + "/shop";
        LoadConfig unreachable = config("postgres", LoadConfig.JDBC_URL, closedPort);
        assertThatThrownBy(() -> new LoadGenerator(unreachable).start())
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(LoadConfig.JDBC_URL));
        LoadConfig missing = config("postgres", LoadConfig.JDBC_URL, pg.jdbcUrl("no_such_database"));
        assertThatThrownBy(() -> SchemaInstaller.install(missing.database()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(LoadConfig.JDBC_URL)
                .hasMessageContaining("no_such_database");
    }

    @Test
    void generatedRowsReachEveryTableAndMatchTheStatistics() throws Exception {
        String db = newDatabase();
        LoadGenerator generator = new LoadGenerator(config(db, LoadConfig.RATE, "1000", LoadConfig.DURATION, "4s",
                LoadConfig.SEED, "7", LoadConfig.DUPLICATE_SHARE, "0.05", LoadConfig.INVALID_SHARE, "0.05"));
        LoadStats stats;
        try {
            generator.start();
            assertThat(generator.awaitFinished(Duration.ofSeconds(90))).isTrue();
            assertThat(generator.health().state()).isEqualTo("finished");
            stats = generator.stats();
        } finally {
            generator.close();
        }

        // 200 inventory operations and 2 x 1600 clickstream rows: the whole schedule, nothing more.
        assertThat(stats.events()).isEqualTo(800 + 2 * 1600);
        try (Connection c = pg.connect(db); Statement s = c.createStatement()) {
            for (ShopTable table : ShopTable.values()) {
                long rows = Long.parseLong(single(s, "SELECT count(*) FROM " + table.qualifiedName()));
                assertThat(rows).as(table.qualifiedName()).isPositive().isEqualTo(stats.rowsPresent(table));
            }
            assertThat(stats.table(ShopTable.WEB_EVENTS).inserted()).isEqualTo(3200);
            assertThat(count(s, "SELECT count(*) - count(DISTINCT event_id) FROM shop.web_events"))
                    .isPositive().isEqualTo(stats.anomalies(Anomaly.DUPLICATE));
            assertThat(count(s, "SELECT count(*) FROM shop.web_events WHERE user_id IS NULL"))
                    .isEqualTo(stats.anomalies(Anomaly.MISSING_USER_ID));
            assertThat(count(s, "SELECT count(*) FROM shop.web_events WHERE ts IS NULL"))
                    .isEqualTo(stats.anomalies(Anomaly.NULL_TS));
            assertThat(count(s, "SELECT count(*) FROM shop.web_events WHERE ts > now() + interval '1 day'"))
                    .isEqualTo(stats.anomalies(Anomaly.FUTURE_TS));
            assertThat(count(s, "SELECT count(*) FROM shop.web_events WHERE product_id !~ '^[0-9]+$'"))
                    .isEqualTo(stats.anomalies(Anomaly.NON_NUMERIC_PRODUCT_ID));
            assertThat(count(s, "SELECT count(*) FROM shop.web_events w WHERE product_id ~ '^[0-9]+$'"
                    + " AND NOT EXISTS (SELECT 1 FROM shop.products p WHERE p.product_id = w.product_id::bigint)"))
                    .isZero();
            assertThat(count(s, "SELECT count(*) FROM shop.web_events WHERE ts < now() - interval '25 seconds'"))
                    .isEqualTo(stats.anomalies(Anomaly.LATE));
            assertThat(count(s, "SELECT count(DISTINCT status) FROM shop.orders")).isGreaterThanOrEqualTo(4);
            assertThat(stats.table(ShopTable.STOCK_LEVELS).updated()).isPositive();
            assertThat(stats.table(ShopTable.PRODUCTS).updated()).isPositive();
        }
    }

    @Test
    void theSameSeedWritesTheSameRowsWhateverTheTiming() throws Exception {
        String a = newDatabase();
        String b = newDatabase();
        run(config(a, LoadConfig.RATE, "600", LoadConfig.DURATION, "3s", LoadConfig.SEED, "11"));
        // Another tick and batch size change when and how rows are written, never which.
        run(config(b, LoadConfig.RATE, "600", LoadConfig.DURATION, "3s", LoadConfig.SEED, "11",
                LoadConfig.TICK, "50ms", LoadConfig.MAX_BATCH_EVENTS, "7"));

        List<String> queries = List.of(
                "SELECT event_id, user_id, product_id, event_type, price, quantity, currency, ts IS NULL, country,"
                        + " device, campaign FROM shop.web_events ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11",
                "SELECT order_id, customer_id, status, total_amount FROM shop.orders ORDER BY 1",
                "SELECT order_id, product_id, quantity, unit_price, discount FROM shop.order_details ORDER BY 1, 2, 3",
                "SELECT shipment_id, order_id, warehouse_id, carrier, tracking_number, status FROM shop.shipments ORDER BY 1",
                "SELECT return_id, order_id, product_id, quantity, reason, status, refund_amount FROM shop.returns ORDER BY 1",
                "SELECT inventory_id, product_id, warehouse_id, quantity_delta, reason FROM shop.inventory ORDER BY 1",
                "SELECT product_id, warehouse_id, quantity_on_hand FROM shop.stock_levels ORDER BY 1, 2",
                "SELECT customer_id, email, phone, segment FROM shop.customers ORDER BY 1",
                "SELECT product_id, sku, category, unit_price FROM shop.products ORDER BY 1");
        for (String q : queries) {
            List<String> rowsA = rows(a, q);
            assertThat(rowsA).as(q).isNotEmpty();
            assertThat(rows(b, q)).as(q).isEqualTo(rowsA);
        }
    }

    @Test
    void rateZeroSeedsTheReferenceTablesAndGeneratesNothing() throws Exception {
        String db = newDatabase();
        LoadGenerator generator = new LoadGenerator(config(db, LoadConfig.RATE, "0"));
        try {
            generator.start();
            assertThat(generator.health().state()).isEqualTo("idle");
            assertThat(generator.health().ready()).isTrue();
        } finally {
            generator.close();
        }
        try (Connection c = pg.connect(db); Statement s = c.createStatement()) {
            assertThat(count(s, "SELECT count(*) FROM shop.products")).isEqualTo(100);
            assertThat(count(s, "SELECT count(*) FROM shop.customers")).isEqualTo(300);
            assertThat(count(s, "SELECT count(*) FROM shop.stock_levels")).isEqualTo(100 * 4);
            assertThat(count(s, "SELECT count(*) FROM shop.web_events")).isZero();
        }
    }

    private static void run(LoadConfig config) throws InterruptedException {
        LoadGenerator generator = new LoadGenerator(config);
        try {
            generator.start();
            assertThat(generator.awaitFinished(Duration.ofSeconds(90))).isTrue();
        } finally {
            generator.close();
        }
    }

    private List<String> rows(String db, String query) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = pg.connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(rs.getString(i)).append('|');
                }
                out.add(row.toString());
            }
        }
        return out;
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        return Long.parseLong(single(s, sql));
    }
}
