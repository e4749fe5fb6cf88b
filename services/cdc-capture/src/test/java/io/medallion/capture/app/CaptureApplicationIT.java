package io.medallion.capture.app;

import io.medallion.capture.CaptureConfig;
import io.medallion.common.config.ConfigException;
import io.medallion.registry.server.RegistryServer;
import io.medallion.registry.server.RegistryServerConfig;
import io.medallion.runtime.AppProbe;
import io.medallion.runtime.ServiceSettings;
import io.medallion.testkit.LocalResources;
import io.medallion.testkit.SharedServers;
import io.medallion.testkit.postgres.EmbeddedPostgresServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * cdc-capture as a Micronaut application (HTTP server on a random port) against the shared
 * embedded PostgreSQL and broker and a registry server; every test has its own database, slot,
 * topic prefix and offsets.
 */
class CaptureApplicationIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static RegistryServer registry;

    private final EmbeddedPostgresServer postgres = SharedServers.postgres();

    @BeforeAll
    static void startRegistry() {
        registry = RegistryServer.start(RegistryServerConfig.inMemory());
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void notReadyUntilTheSnapshotIsDoneThenStreamingAndCounting() throws Exception {
        String name = newDatabase("app");
        sql(name, "INSERT INTO shop.customers (first_name, last_name, email, country, segment) VALUES ('Ann', 'Lee', 'a@x', 'FR', 'consumer')");

        // A transaction holding customers exclusively holds capture back: creating the slot waits for it
        // (and the snapshot could not read the table anyway), so capture is not streaming meanwhile.
        try (Connection blocker = postgres.connect(name); Statement s = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            s.execute("LOCK TABLE shop.customers IN ACCESS EXCLUSIVE MODE");

            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties(name))) {
                AppProbe app = new AppProbe(server.getURL());
                assertThat(app.readiness()).isEqualTo(503);
                assertThat(app.liveness()).isEqualTo(200);

                blocker.commit();
                await().atMost(WAIT).until(() -> app.readiness() == 200);
                assertThat(app.get("/health/readiness").body()).contains("\"state\":\"streaming\"");

                sql(name, """
                        INSERT INTO shop.customers (first_name, last_name, email, country, segment) VALUES ('Bo', 'Ek', 'b@x', 'SE', 'consumer');
                        INSERT INTO shop.customers (first_name, last_name, email, country, segment) VALUES ('Cy', 'Oh', 'c@x', 'DE', 'business');
                        UPDATE shop.customers SET segment = 'business' WHERE email = 'a@x';
                        """);
                await().atMost(WAIT).until(() -> app.metricOrZero("medallion_capture_records_total", "table", "shop.customers") >= 4);
                await().atMost(WAIT).until(() -> app.metricOrZero("medallion_capture_slot_lag_bytes", "slot", name + "_slot") >= 0
                        && app.metricOrZero("medallion_capture_slot_retained_wal_bytes", "slot", name + "_slot") > 0);
                String scrape = app.prometheus();
                assertThat(AppProbe.sum(scrape, "medallion_capture_lag_seconds_count").orElse(0))
                        .as("streamed changes have a source commit time").isGreaterThanOrEqualTo(3);
                assertThat(AppProbe.sum(scrape, "medallion_capture_engine_state")).hasValue(3);
                assertThat(AppProbe.sum(scrape, "kafka_producer_record_send_total").orElse(0)).isGreaterThanOrEqualTo(4);
                assertThat(scrape).contains("jvm_memory_used_bytes");
            }
        }
    }

    @Test
    void anUnreachableDatabaseIsReportedByLivenessNamingTheSetting() throws Exception {
        String name = newDatabase("down");
        Map<String, Object> p = properties(name);
        p.put(CaptureConfig.PORT, Integer.toString(LocalResources.freePort()));
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, p)) {
            AppProbe app = new AppProbe(server.getURL());
            await().atMost(WAIT).until(() -> app.liveness() == 503);
            assertThat(app.get("/health/liveness").body()).contains("Invalid setting 'medallion.capture.database.host'");
            assertThat(app.readiness()).isEqualTo(503);
        }
    }

    @Test
    void aBadSettingStopsTheStartNamingIt() throws Exception {
        String name = newDatabase("bad");
        Map<String, Object> p = properties(name);
        p.remove(CaptureConfig.PORT); // a property given to the builder would outrank the environment
        assertThatThrownBy(() -> ApplicationContext.builder(p)
                .propertySources(ServiceSettings.environmentVariables(Map.of("MEDALLION_CAPTURE_DATABASE_PORT", "banana")))
                .run(EmbeddedServer.class))
                .hasStackTraceContaining("Invalid setting 'medallion.capture.database.port'")
                .satisfies(e -> assertThat(configError(e).key()).isEqualTo(CaptureConfig.PORT));
    }

    private Map<String, Object> properties(String name) {
        Map<String, Object> m = new HashMap<>();
        m.put("micronaut.server.port", -1);
        m.put(CaptureConfig.HOST, postgres.host());
        m.put(CaptureConfig.PORT, Integer.toString(postgres.port()));
        m.put(CaptureConfig.NAME, name);
        m.put(CaptureConfig.USER, postgres.user());
        m.put(CaptureConfig.PASSWORD, postgres.password());
        m.put(CaptureConfig.SLOT, name + "_slot");
        m.put(CaptureConfig.TOPIC_PREFIX, name);
        m.put(CaptureConfig.ENGINE_NAME, name);
        m.put(CaptureConfig.OFFSETS_TOPIC, name + ".offsets");
        m.put(CaptureConfig.HEARTBEAT_INTERVAL, "1s");
        m.put(CaptureConfig.OFFSET_FLUSH_INTERVAL, "500ms");
        m.put(CaptureConfig.SLOT_METRICS_INTERVAL, "500ms");
        m.put(CaptureConfig.KAFKA_BOOTSTRAP, SharedServers.kafka().bootstrapServers());
        m.put(CaptureConfig.REGISTRY_URL, registry.url().toString());
        return m;
    }

    private static ConfigException configError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConfigException c) {
                return c;
            }
        }
        throw new AssertionError("no ConfigException in " + e, e);
    }

    /** A new database with the shop DDL; its name doubles as slot, topic prefix and engine name. */
    private String newDatabase(String label) {
        String name = "capapp_" + label + "_" + COUNTER.incrementAndGet() + "_" + (System.nanoTime() % 100_000);
        postgres.createDatabase(name);
        sql(name, shopDdl());
        return name;
    }

    private void sql(String database, String sql) {
        try (Connection c = postgres.connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + sql, e);
        }
    }

    private static String shopDdl() {
        try (InputStream in = CaptureApplicationIT.class.getResourceAsStream("/db/shop-schema.sql")) {
            if (in == null) {
                throw new IllegalStateException("db/shop-schema.sql (medallion-loadgen) is not on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
