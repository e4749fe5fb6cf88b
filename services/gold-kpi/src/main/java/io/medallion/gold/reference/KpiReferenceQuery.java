package io.medallion.gold.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

/**
 * Runs {@code kpi_1m_reference.sql} (the independent SQL computation of gold.kpi_1m over
 * shop.web_events) on a PostgreSQL connection: fills the session tables the query reads, with
 * the ISO code lists of this JVM (the ones silver-enricher's validation uses), then maps the
 * result. For the end-to-end test that compares gold with its source.
 */
public final class KpiReferenceQuery {

    public static final String RESOURCE = "/io/medallion/gold/kpi_1m_reference.sql";
    /** silver-enricher's default allowance for event times after the source commit. */
    public static final Duration SILVER_MAX_FUTURE_SKEW = Duration.ofMinutes(5);

    private KpiReferenceQuery() {
    }

    /** The query text. */
    public static String sql() {
        try (InputStream in = KpiReferenceQuery.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The reference KPIs of every window, in window order.
     *
     * @param lateEventIds the event ids gold-kpi reported on gold.late_events; excluded
     * @throws IllegalStateException when the server does not track commit timestamps
     */
    public static List<ReferenceKpi> run(Connection connection, Duration windowSize, Duration maxFutureSkew,
                                         Collection<String> lateEventIds) throws SQLException {
        requireCommitTimestamps(connection);
        try (Statement s = connection.createStatement()) {
            for (String table : List.of("gold_ref_params", "gold_ref_late_events", "gold_ref_currencies", "gold_ref_countries")) {
                s.execute("DROP TABLE IF EXISTS pg_temp." + table);
            }
            s.execute("CREATE TEMP TABLE gold_ref_params (window_size interval NOT NULL, max_future_skew interval NOT NULL)");
            s.execute("CREATE TEMP TABLE gold_ref_late_events (event_id text NOT NULL)");
            s.execute("CREATE TEMP TABLE gold_ref_currencies (code text PRIMARY KEY)");
            s.execute("CREATE TEMP TABLE gold_ref_countries (code text PRIMARY KEY)");
        }
        try (PreparedStatement p = connection.prepareStatement(
                "INSERT INTO gold_ref_params VALUES (make_interval(secs => ?), make_interval(secs => ?))")) {
            p.setDouble(1, windowSize.toMillis() / 1000.0);
            p.setDouble(2, maxFutureSkew.toMillis() / 1000.0);
            p.executeUpdate();
        }
        insertAll(connection, "gold_ref_late_events", lateEventIds);
        insertAll(connection, "gold_ref_currencies",
                Currency.getAvailableCurrencies().stream().map(Currency::getCurrencyCode).toList());
        insertAll(connection, "gold_ref_countries", Arrays.asList(Locale.getISOCountries()));

        List<ReferenceKpi> rows = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql())) {
            while (r.next()) {
                rows.add(new ReferenceKpi(
                        r.getTimestamp("window_start").toInstant(),
                        r.getTimestamp("window_end").toInstant(),
                        r.getLong("orders"),
                        r.getBigDecimal("gmv"),
                        r.getLong("purchase_users"),
                        r.getLong("view_users"),
                        r.getLong("active_users"),
                        r.getBigDecimal("conversion_rate"),
                        r.getLong("events"),
                        r.getLong("page_views"),
                        r.getLong("add_to_carts")));
            }
        }
        return rows;
    }

    private static void requireCommitTimestamps(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SHOW track_commit_timestamp")) {
            r.next();
            if (!"on".equals(r.getString(1))) {
                throw new IllegalStateException("the reference query needs track_commit_timestamp = on (a server setting, "
                        + "read at start) to check event times against the source commit time as silver-enricher does");
            }
        }
    }

    private static void insertAll(Connection connection, String table, Collection<String> values) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("INSERT INTO " + table + " VALUES (?) ON CONFLICT DO NOTHING")) {
            for (String value : values) {
                p.setString(1, value);
                p.addBatch();
            }
            p.executeBatch();
        }
    }
}
