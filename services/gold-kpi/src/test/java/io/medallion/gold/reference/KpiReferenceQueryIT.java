package io.medallion.gold.reference;

import io.medallion.testkit.postgres.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQL reference of gold.kpi_1m on a real PostgreSQL, against rows that each break one of
 * silver-enricher's web_events rules, duplicates and a late event. Runs its own server: the
 * query needs track_commit_timestamp, which the shared one does not enable.
 */
class KpiReferenceQueryIT {

    private static final Path SHOP_SCHEMA = Path.of("../../tools/loadgen/src/main/resources/db/shop-schema.sql");

    private static EmbeddedPostgresServer postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgresServer.builder().serverConfig("track_commit_timestamp", "on").start();
        postgres.createDatabase("gold_reference");
        try (Connection c = postgres.connect("gold_reference"); Statement s = c.createStatement()) {
            s.execute(Files.readString(SHOP_SCHEMA));
        }
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    private record Row(String eventId, String userId, String productId, String eventType, String price, Integer quantity,
                       String currency, String tsExpression, String country) {
    }

    private static Row valid(String eventId, String user, String type, String price, Integer quantity, String currency, String ts) {
        return new Row(eventId, user, "42", type, price, quantity, currency, ts, "DE");
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    /** Inserts a row in its own transaction (its own commit time) and returns its ts. */
    private static Instant insert(Connection c, Row row) throws Exception {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO shop.web_events "
                + "(event_id, user_id, product_id, event_type, price, quantity, currency, ts, country, device) "
                + "VALUES (?, ?, ?, ?, ?::numeric, ?, ?, " + row.tsExpression() + ", ?, 'web') RETURNING ts")) {
            p.setString(1, row.eventId());
            p.setString(2, row.userId());
            p.setString(3, row.productId());
            p.setString(4, row.eventType());
            p.setString(5, row.price());
            p.setObject(6, row.quantity());
            p.setString(7, row.currency());
            p.setString(8, row.country());
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getTimestamp(1) == null ? null : r.getTimestamp(1).toInstant();
            }
        }
    }

    @Test
    void countsValidFirstCopiesOnTimePerWindowExactly() throws Exception {
        Instant w0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10));
        Instant w1 = w0.plusSeconds(60);
        String t0 = "TIMESTAMPTZ '" + w0.plusSeconds(10) + "'";
        String t1 = "TIMESTAMPTZ '" + w1.plusSeconds(10) + "'";
        String firstView = id();
        String lateEvent = id();
        Instant skewedTs;
        try (Connection c = postgres.connect("gold_reference")) {
            // Window 0: valid rows.
            insert(c, valid(firstView, "u1", "page_view", null, null, null, t0));
            insert(c, valid(id(), "u2", "page_view", null, null, null, t0));
            insert(c, valid(id(), "u1", "purchase", "19.99", 3, "EUR", t0));
            insert(c, new Row(id(), "u3", " 42 ", "add_to_cart", null, null, null, t0, "DE"));
            insert(c, new Row(id(), "u4", null, "purchase", "0.10", 1, "USD", t0, ""));
            insert(c, valid(id(), "u5", "purchase", "19.990", 1, "EUR", t0));
            // The tracker's retry, in upper case: the first copy wins.
            insert(c, valid(firstView.toUpperCase(), "u1", "purchase", "500.00", 1, "EUR", t0));
            // Window 0: each row breaks one rule.
            insert(c, valid("not-a-uuid", "u6", "page_view", null, null, null, t0));
            insert(c, valid(id(), "   ", "page_view", null, null, null, t0));
            insert(c, valid(id(), null, "page_view", null, null, null, t0));
            insert(c, valid(id(), "u6", "Page_View", null, null, null, t0));
            insert(c, new Row(id(), "u6", "abc", "page_view", null, null, null, t0, "DE"));
            insert(c, new Row(id(), "u6", "0", "page_view", null, null, null, t0, "DE"));
            insert(c, valid(id(), "u6", "page_view", "1.005", null, null, t0));
            insert(c, valid(id(), "u6", "add_to_cart", "-1", 1, null, t0));
            insert(c, valid(id(), "u6", "add_to_cart", null, -1, null, t0));
            insert(c, valid(id(), "u6", "page_view", null, null, "eur", t0));
            insert(c, valid(id(), "u6", "purchase", "5.00", 1, null, t0));
            insert(c, valid(id(), "u6", "purchase", "0", 1, "EUR", t0));
            insert(c, valid(id(), "u6", "purchase", "5.00", null, "EUR", t0));
            insert(c, valid(id(), "u6", "purchase", "NaN", 1, "EUR", t0));
            insert(c, valid(id(), "u6", "page_view", null, null, null, "NULL"));
            insert(c, valid(id(), "u6", "page_view", null, null, null, "now() + interval '6 minutes'"));
            insert(c, new Row(id(), "u6", "42", "page_view", null, null, null, t0, "XX"));
            // Window 1, and an event gold reported late.
            insert(c, valid(id(), "u1", "page_view", null, null, null, t1));
            insert(c, valid(id(), "u1", "purchase", "2.00", 1, "EUR", t1));
            insert(c, valid(lateEvent, "u9", "page_view", null, null, null, t1));
            // Ahead of its commit, but within silver's 5 minutes: valid, in its own window.
            skewedTs = insert(c, valid(id(), "u7", "page_view", null, null, null, "now() + interval '4 minutes'"));

            List<ReferenceKpi> kpis = KpiReferenceQuery.run(c, Duration.ofMinutes(1),
                    KpiReferenceQuery.SILVER_MAX_FUTURE_SKEW, List.of(lateEvent.toUpperCase()));

            Instant skewedWindow = skewedTs.truncatedTo(ChronoUnit.MINUTES);
            assertThat(kpis).containsExactly(
                    new ReferenceKpi(w0, w1, 3, new BigDecimal("80.06"), 3, 2, 5, new BigDecimal("1.5000"), 6, 2, 1),
                    new ReferenceKpi(w1, w1.plusSeconds(60), 1, new BigDecimal("2.00"), 1, 1, 1, new BigDecimal("1.0000"), 2, 1, 0),
                    new ReferenceKpi(skewedWindow, skewedWindow.plusSeconds(60), 0, new BigDecimal("0.00"), 0, 1, 1,
                            new BigDecimal("0.0000"), 1, 1, 0));
        }
    }
}
