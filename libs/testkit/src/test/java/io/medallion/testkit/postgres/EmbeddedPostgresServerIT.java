package io.medallion.testkit.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medallion.testkit.SharedServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerIT {

    @Test
    void pgoutputSlotDecodesAnInsert() throws Exception {
        EmbeddedPostgresServer pg = SharedServers.postgres();
        String db = uniqueName();
        pg.createDatabase(db);
        String slot = uniqueName();
        try (Connection c = pg.connect(db); Statement s = c.createStatement()) {
            assertThat(single(s, "SHOW wal_level")).isEqualTo("logical");
            s.execute("CREATE TABLE item (id int PRIMARY KEY, name text NOT NULL)");
            s.execute("CREATE PUBLICATION items_pub FOR TABLE item");
            s.execute("SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
            s.execute("INSERT INTO item VALUES (42, 'marker-value')");

            List<byte[]> messages = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT data FROM pg_logical_slot_peek_binary_changes('" + slot
                    + "', NULL, NULL, 'proto_version', '1', 'publication_names', 'items_pub')")) {
                while (rs.next()) {
                    messages.add(rs.getBytes(1));
                }
            }
            s.execute("SELECT pg_drop_replication_slot('" + slot + "')");

            // pgoutput: Begin, Relation, Insert, Commit; an Insert carries the new tuple as text.
            assertThat(messages).extracting(m -> (char) m[0]).containsExactly('B', 'R', 'I', 'C');
            String insert = new String(messages.get(2), StandardCharsets.UTF_8);
            assertThat(insert).contains("42").contains("marker-value");
        }
    }

    @Test
    void restartOnTheSameDataDirectoryKeepsData(@TempDir Path dir) throws Exception {
        int port;
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.builder().dataDirectory(dir).start()) {
            port = pg.port();
            pg.createDatabase("kept");
            try (Connection c = pg.connect("kept"); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (v text)");
                s.execute("INSERT INTO t VALUES ('survives a restart')");
            }
        }
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.builder().dataDirectory(dir).port(port).start();
             Connection c = pg.connect("kept");
             Statement s = c.createStatement()) {
            assertThat(single(s, "SELECT v FROM t")).isEqualTo("survives a restart");
            assertThat(single(s, "SHOW wal_level")).isEqualTo("logical");
        }
    }

    @Test
    void clientsConnectWithTheAdvertisedCredentials() throws Exception {
        EmbeddedPostgresServer pg = SharedServers.postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.user(), pg.password());
             Statement s = c.createStatement()) {
            assertThat(single(s, "SELECT current_user")).isEqualTo(pg.user());
            assertThat(single(s, "SELECT rolreplication::text FROM pg_roles WHERE rolname = current_user"))
                    .isEqualTo("true");
        }
    }

    @Test
    void createDatabaseRejectsNamesThatAreNotPlainIdentifiers() {
        EmbeddedPostgresServer pg = SharedServers.postgres();
        assertThatThrownBy(() -> pg.createDatabase("x; DROP DATABASE postgres"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("database name");
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private static String uniqueName() {
        return "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}
