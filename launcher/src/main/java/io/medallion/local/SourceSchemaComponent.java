package io.medallion.local;

import io.medallion.common.config.Settings;
import io.medallion.common.lifecycle.Health;
import io.medallion.loadgen.SchemaInstaller;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/**
 * Applies the shop DDL where tables are missing (existing tables, their rows and their replica
 * identity are left alone), so capture finds its tables and publication, embedded or not.
 */
final class SourceSchemaComponent implements StackComponent {

    private final StackContext context;
    private SchemaInstaller.Report report;

    SourceSchemaComponent(StackContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "shop-schema";
    }

    @Override
    public void start() {
        Settings s = context.settings();
        String url = s.string(StackContext.PG_JDBC_URL);
        try (Connection c = DriverManager.getConnection(url, s.string(StackContext.PG_USER), s.string(StackContext.PG_PASSWORD, ""))) {
            report = SchemaInstaller.install(c);
        } catch (SQLException e) {
            throw new IllegalStateException("could not install the shop schema into " + url + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> summary() {
        if (report == null) {
            return List.of();
        }
        return List.of("shop schema: " + (report.createdTables().isEmpty() ? "all tables were there"
                : "created " + String.join(", ", report.createdTables()))
                + (report.publicationCreated() ? "; publication created" : ""));
    }

    @Override
    public Health health() {
        return Health.of(true, report != null, report != null ? "installed" : "pending");
    }

    @Override
    public void close() {
        // Nothing runs.
    }
}
