package io.medallion.capture;

import io.medallion.common.config.ConfigException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Checks, before the engine starts, that the database can be captured as configured, and turns
 * each failure into an error naming the setting to fix (Debezium would otherwise retry a wrong
 * password or an unreachable host in the background for a long time).
 */
final class DatabaseProbe {

    private DatabaseProbe() {
    }

    /** A JDBC connection as the capture user; failures become {@link ConfigException}s. */
    static Connection connect(CaptureConfig c) {
        Properties p = new Properties();
        p.setProperty("user", c.database().user());
        p.setProperty("password", c.database().password());
        p.setProperty("connectTimeout", "10");
        p.setProperty("socketTimeout", "60");
        p.setProperty("ApplicationName", "medallion-cdc-capture");
        try {
            return DriverManager.getConnection(c.database().jdbcUrl(), p);
        } catch (SQLException e) {
            throw classify(e, c);
        }
    }

    /** Connects and checks wal_level, publication, captured tables and the heartbeat table. */
    static void check(CaptureConfig c) {
        try (Connection connection = connect(c)) {
            String walLevel = single(connection, "SHOW wal_level");
            if (!"logical".equals(walLevel)) {
                throw new IllegalStateException("PostgreSQL at " + c.database().host() + ":" + c.database().port()
                        + " runs with wal_level=" + walLevel + "; capture needs wal_level=logical (server setting, restart required)");
            }
            if (!exists(connection, "SELECT 1 FROM pg_publication WHERE pubname = ?", c.publication())) {
                throw new ConfigException(CaptureConfig.PUBLICATION, "publication '" + c.publication() + "' does not exist in database '"
                        + c.database().name() + "'; apply the shop DDL (tools/loadgen db/shop-schema.sql) or name an existing one");
            }
            for (String table : c.tables()) {
                if (!tableExists(connection, table)) {
                    throw new ConfigException(CaptureConfig.TABLES, "table " + table + " does not exist in database '" + c.database().name() + "'");
                }
            }
            if (!tableExists(connection, c.heartbeatTable())) {
                throw new ConfigException(CaptureConfig.HEARTBEAT_TABLE, "table " + c.heartbeatTable()
                        + " does not exist in database '" + c.database().name() + "'");
            }
        } catch (SQLException e) {
            throw classify(e, c);
        }
    }

    /** The setting a connection failure is blamed on, by PostgreSQL's SQLSTATE. */
    static ConfigException classify(SQLException e, CaptureConfig c) {
        CaptureConfig.Database db = c.database();
        String where = db.user() + "@" + db.host() + ":" + db.port() + "/" + db.name();
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return switch (state) {
            case "28P01" -> new ConfigException(CaptureConfig.PASSWORD, "password authentication failed for " + where, e);
            case "28000" -> new ConfigException(CaptureConfig.USER, "PostgreSQL refused user '" + db.user() + "' (" + e.getMessage() + ")", e);
            case "3D000" -> new ConfigException(db.hostKey().equals(CaptureConfig.JDBC_URL) ? CaptureConfig.JDBC_URL : CaptureConfig.NAME,
                    "database '" + db.name() + "' does not exist on " + db.host() + ":" + db.port(), e);
            default -> new ConfigException(db.hostKey(), "cannot reach PostgreSQL at " + db.host() + ":" + db.port()
                    + " (" + e.getMessage() + ")", e);
        };
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static boolean tableExists(Connection c, String schemaDotTable) throws SQLException {
        return exists(c, "SELECT 1 FROM pg_tables WHERE schemaname || '.' || tablename = ?", schemaDotTable);
    }

    private static boolean exists(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
