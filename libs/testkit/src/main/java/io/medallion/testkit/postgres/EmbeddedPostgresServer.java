package io.medallion.testkit.postgres;

import io.medallion.testkit.LocalResources;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server (zonky binaries, version from the root pom's binaries BOM) run as a child
 * process, configured for logical replication ({@code wal_level=logical}, room for many
 * replication slots and WAL senders) so Debezium's {@code pgoutput} plugin works.
 *
 * <p>Clients connect over TCP on localhost as {@link #user()} with {@link #password()}; the
 * server trusts local connections, the password is set anyway so clients that always send one
 * (Debezium, the load generator) are configured as they would be in production. A given data
 * directory is kept on close and reused with its data on the next start; without one the server
 * uses a temporary directory removed on close. When running as root, zonky starts the binaries
 * in a user namespace ({@code unshare -U}) because PostgreSQL refuses to run as root.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String SUPERUSER = "postgres";
    private static final String PASSWORD = "postgres";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** JDBC URL of a database on this server, without credentials. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    public String host() {
        return "localhost";
    }

    public int port() {
        return postgres.getPort();
    }

    public String user() {
        return SUPERUSER;
    }

    public String password() {
        return PASSWORD;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** A new connection to a database, as the superuser. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user(), password());
    }

    /**
     * Creates a database and returns its JDBC URL. Names are plain lower-case identifiers so
     * tests can isolate themselves with {@code "it_" + uniqueSuffix}.
     */
    public String createDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database name must match " + DATABASE_NAME + ", was '" + name + "'");
        }
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + " on " + jdbcUrl(name), e);
        }
        return jdbcUrl(name);
    }

    /** Stops the server; a temporary data directory is removed, a given one kept. */
    @Override
    public void close() {
        try {
            postgres.close();
            LOG.info("PostgreSQL on port {} stopped", port());
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop PostgreSQL on port " + port(), e);
        }
    }

    private void setPassword() {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("ALTER USER " + SUPERUSER + " PASSWORD '" + PASSWORD + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("could not set the password on " + jdbcUrl("postgres"), e);
        }
    }

    /** Port defaults to a free one, the data directory to a temporary one removed on close. */
    public static final class Builder {
        private int port;
        private Path dataDirectory;
        private final Map<String, String> serverConfig = new LinkedHashMap<>();

        private Builder() {
            serverConfig.put("wal_level", "logical");
            // Every capture test creates its own slot; a shared server must not run out.
            serverConfig.put("max_replication_slots", "64");
            serverConfig.put("max_wal_senders", "64");
            serverConfig.put("max_connections", "300");
            // zonky turns commits asynchronous; logical decoding only sees flushed WAL, so an
            // async commit would reach Debezium up to wal_writer_delay later. zonky also runs
            // with fsync off, which keeps synchronous commits cheap.
            serverConfig.put("synchronous_commit", "on");
            serverConfig.put("timezone", "UTC");
            // Commit times let a reference computation order source rows as capture saw them.
            serverConfig.put("track_commit_timestamp", "on");
            serverConfig.put("listen_addresses", "localhost");
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** A directory kept on close; an existing PostgreSQL data directory is reused with its data. */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /** Any {@code postgresql.conf} setting, passed as {@code -c key=value} at start. */
        public Builder serverConfig(String key, String value) {
            serverConfig.put(key, value);
            return this;
        }

        public EmbeddedPostgresServer start() {
            long began = System.nanoTime();
            int chosenPort = port > 0 ? port : LocalResources.freePort();
            boolean temporary = dataDirectory == null;
            Path directory = temporary ? createTempDirectory() : dataDirectory.toAbsolutePath();
            EmbeddedPostgres.Builder zonky = EmbeddedPostgres.builder()
                    .setPort(chosenPort)
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(temporary)
                    .setPGStartupWait(STARTUP_WAIT);
            serverConfig.forEach(zonky::setServerConfig);
            EmbeddedPostgres started;
            try {
                started = zonky.start();
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("PostgreSQL did not start on port " + chosenPort
                        + " with data in " + directory, e);
            }
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(started, directory);
            try {
                server.setPassword();
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            LOG.info("PostgreSQL up on port {} in {} ms (data in {})", chosenPort,
                    (System.nanoTime() - began) / 1_000_000, directory);
            return server;
        }

        private static Path createTempDirectory() {
            try {
                return Files.createTempDirectory("medallion-pg-");
            } catch (IOException e) {
                throw new UncheckedIOException("could not create a PostgreSQL data directory", e);
            }
        }
    }
}
