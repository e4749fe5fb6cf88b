package io.medallion.local;

import io.medallion.common.lifecycle.Health;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An existing PostgreSQL given with {@code --pg-url}: nothing to start, only to check and publish. */
final class ExternalPostgresComponent implements StackComponent {

    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^/:?]+)(?::(\\d+))?/([^?]+)(\\?.*)?");

    private final StackContext context;
    private final LaunchOptions.ExternalPostgres postgres;

    ExternalPostgresComponent(StackContext context) {
        this.context = context;
        this.postgres = context.options().postgres().orElseThrow();
    }

    @Override
    public String name() {
        return "postgresql (existing)";
    }

    @Override
    public void start() {
        Matcher m = URL.matcher(postgres.jdbcUrl());
        if (!m.matches()) {
            throw new IllegalArgumentException("--pg-url must look like jdbc:postgresql://host[:port]/database, was " + postgres.jdbcUrl());
        }
        try (Connection ignored = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password())) {
            // Reachable with these credentials; capture checks replication prerequisites itself.
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + postgres.jdbcUrl() + " as " + postgres.user() + ": " + e.getMessage(), e);
        }
        context.publish(StackContext.PG_HOST, m.group(1));
        context.publish(StackContext.PG_PORT, m.group(2) == null ? "5432" : m.group(2));
        context.publish(StackContext.PG_DATABASE, m.group(3));
        context.publish(StackContext.PG_USER, postgres.user());
        context.publish(StackContext.PG_PASSWORD, postgres.password());
        context.publish(StackContext.PG_JDBC_URL, postgres.jdbcUrl());
    }

    @Override
    public List<String> endpoints() {
        return List.of("PostgreSQL       " + postgres.jdbcUrl() + "  (existing, user " + postgres.user() + ")");
    }

    @Override
    public Health health() {
        return Health.of(true, true, "external");
    }

    @Override
    public void close() {
        // Not ours to stop.
    }
}
