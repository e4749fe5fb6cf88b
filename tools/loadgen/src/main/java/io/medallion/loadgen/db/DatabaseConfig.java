package io.medallion.loadgen.db;

import io.medallion.common.config.ConfigException;
import io.medallion.common.config.Settings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Where a PostgreSQL database is and who logs in, read from {@code <prefix>database.jdbc-url},
 * {@code .user} and {@code .password}. {@link #connect()} turns a failed connection into a
 * {@link ConfigException} naming the setting to fix.
 */
public record DatabaseConfig(String jdbcUrl, String user, String password, String keyPrefix) {

    public static DatabaseConfig from(Settings settings, String prefix) {
        String p = prefix + "database.";
        String url = settings.string(p + "jdbc-url");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new ConfigException(p + "jdbc-url", "must be a jdbc:postgresql: URL, was '" + url + "'");
        }
        return new DatabaseConfig(url, settings.string(p + "user", "postgres"), settings.string(p + "password", ""), p);
    }

    public String urlKey() {
        return keyPrefix + "jdbc-url";
    }

    /**
     * A new connection with batched inserts rewritten into multi-row inserts. An unreachable
     * server or a missing database names the URL setting; a refused login names the user and
     * password settings.
     */
    public Connection connect() {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("reWriteBatchedInserts", "true");
        props.setProperty("ApplicationName", "medallion-loadgen");
        props.setProperty("connectTimeout", "10");
        props.setProperty("tcpKeepAlive", "true");
        try {
            return DriverManager.getConnection(jdbcUrl, props);
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.startsWith("28")) {
                throw new ConfigException(keyPrefix + "user",
                        "PostgreSQL refused the login of '" + user + "' (check " + keyPrefix + "password): "
                                + e.getMessage(), e);
            }
            throw new ConfigException(urlKey(), "cannot connect to PostgreSQL at " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "DatabaseConfig[" + jdbcUrl + " as " + user + "]";
    }
}
