package io.medallion.bench.fleet.source;

import io.medallion.bench.fleet.fleet.SourceEndpoint;
import io.medallion.loadgen.SchemaInstaller;
import io.medallion.testkit.postgres.EmbeddedPostgresServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.OptionalLong;

/**
 * The source: the testkit's embedded PostgreSQL (a child process tree of the harness, with
 * {@code wal_level=logical} and {@code track_commit_timestamp=on}), a database with the shop
 * schema and the capture publication installed.
 */
public final class SourceDatabase implements AutoCloseable {

    public static final String DATABASE = "medallion";

    private final EmbeddedPostgresServer server;

    private SourceDatabase(EmbeddedPostgresServer server) {
        this.server = server;
    }

    public static SourceDatabase start(Path dataDirectory) {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.builder().dataDirectory(dataDirectory).start();
        try {
            server.createDatabase(DATABASE);
            try (Connection c = server.connect(DATABASE)) {
                SchemaInstaller.install(c);
            }
        } catch (SQLException | RuntimeException e) {
            server.close();
            throw new IllegalStateException("could not prepare the source database " + DATABASE, e);
        }
        return new SourceDatabase(server);
    }

    public SourceEndpoint endpoint() {
        return new SourceEndpoint(server.host(), server.port(), DATABASE, server.user(), server.password());
    }

    public Connection connect() throws SQLException {
        return server.connect(DATABASE);
    }

    /** The postmaster's pid (first line of {@code postmaster.pid}); its children are the backends. */
    public OptionalLong postmasterPid() {
        try {
            String first = Files.readAllLines(server.dataDirectory().resolve("postmaster.pid")).get(0).trim();
            return OptionalLong.of(Long.parseLong(first));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
