package io.medallion.local;

import io.medallion.testkit.postgres.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local stack pointed at an existing PostgreSQL, without load generator. (The embedded
 * default with the generator and every service is {@link FleetIT}.)
 */
class LocalStackIT {

    @Test
    void capturesAnExistingPostgresWithoutGenerator(@TempDir Path data) throws Exception {
        try (EmbeddedPostgresServer existing = EmbeddedPostgresServer.builder().start()) {
            String url = existing.createDatabase("theirs");
            try (Connection c = existing.connect("theirs"); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA shop");
                s.execute("CREATE TABLE shop.warehouses (warehouse_id bigserial PRIMARY KEY, code text NOT NULL UNIQUE,"
                        + " name text NOT NULL, country char(2) NOT NULL, city text NOT NULL, capacity int NOT NULL,"
                        + " created_at timestamptz NOT NULL DEFAULT now())");
                s.execute("INSERT INTO shop.warehouses (code, name, country, city, capacity) VALUES ('W1', 'Theirs', 'NL', 'Delft', 10)");
            }
            LaunchOptions options = LaunchOptions.parse(new String[]{"--rate", "0", "--duration", "5s", "--data", data.toString(),
                    "--pg-url", url, "--pg-user", existing.user(), "--pg-password", existing.password()});
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            LocalStack stack = new LocalStack(options, new PrintStream(printed, true, StandardCharsets.UTF_8), false);

            int code = stack.run();

            String out = printed.toString(StandardCharsets.UTF_8);
            System.out.println(out);
            assertThat(code).as(out).isZero();
            assertThat(out).contains("PostgreSQL       " + url + "  (existing, user postgres)");
            assertThat(out).contains("no load generator").doesNotContain("starting loadgen", "load generator: ");
            assertThat(out).containsPattern("shop schema: created [^\\n]*shop\\.web_events").doesNotContain("created shop.warehouses");
            assertThat(stack.component(LoadComponent.class)).isEmpty();
            assertThat(stack.component(CaptureComponent.class).orElseThrow().stats().changesPerTable())
                    .containsEntry("shop.warehouses", 1L);
            assertThat(out).containsPattern("bronze/shop_warehouses +1\\n").containsPattern("silver/warehouses +1\\n");
            try (Connection c = existing.connect("theirs"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM shop.warehouses")) {
                rs.next();
                assertThat(rs.getLong(1)).as("existing rows are left alone").isEqualTo(1);
            }
            assertThat(data.resolve("postgres")).doesNotExist();
        }
    }
}
