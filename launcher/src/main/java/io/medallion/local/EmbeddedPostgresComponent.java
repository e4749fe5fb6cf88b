package io.medallion.local;

import io.medallion.common.lifecycle.Health;
import io.medallion.testkit.postgres.EmbeddedPostgresServer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * PostgreSQL with logical replication as a child process, data kept under {@code <data>/postgres}
 * (a second run continues with the same database, slot and rows). Captured database: {@value #DATABASE}.
 */
final class EmbeddedPostgresComponent implements StackComponent {

    static final String DATABASE = "medallion";

    private final StackContext context;
    private EmbeddedPostgresServer server;

    EmbeddedPostgresComponent(StackContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public void start() {
        server = EmbeddedPostgresServer.builder().dataDirectory(context.dataDir("postgres")).start();
        createDatabaseIfMissing();
        context.publish(StackContext.PG_HOST, server.host());
        context.publish(StackContext.PG_PORT, Integer.toString(server.port()));
        context.publish(StackContext.PG_DATABASE, DATABASE);
        context.publish(StackContext.PG_USER, server.user());
        context.publish(StackContext.PG_PASSWORD, server.password());
        context.publish(StackContext.PG_JDBC_URL, server.jdbcUrl(DATABASE));
    }

    @Override
    public List<String> endpoints() {
        return List.of("PostgreSQL       " + server.jdbcUrl(DATABASE) + "  (user " + server.user()
                + ", password " + server.password() + ")");
    }

    @Override
    public Health health() {
        return Health.of(server != null, server != null, server != null ? "running" : "stopped");
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    private void createDatabaseIfMissing() {
        try (Connection c = server.connect("postgres");
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, DATABASE);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + DATABASE + " on " + server.jdbcUrl("postgres"), e);
        }
    }
}
