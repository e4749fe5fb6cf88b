package io.medallion.capture.it;

import io.medallion.capture.CaptureConfig;
import io.medallion.capture.CaptureService;
import io.medallion.common.config.Settings;
import io.medallion.registry.server.RegistryServer;
import io.medallion.registry.server.RegistryServerConfig;
import io.medallion.testkit.SharedServers;
import io.medallion.testkit.kafka.EmbeddedKafkaBroker;
import io.medallion.testkit.postgres.EmbeddedPostgresServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every capture IT needs: the JVM's shared PostgreSQL and broker, one registry server per
 * JVM, and per test a fresh database with the shop DDL plus capture settings whose slot, topic
 * prefix, offsets topic and engine name are unique, so tests never see each other's data.
 */
final class CaptureFixture {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static RegistryServer registry;

    final String name;
    final String database;
    final EmbeddedPostgresServer postgres;
    final EmbeddedKafkaBroker kafka;

    private CaptureFixture(String name, EmbeddedPostgresServer postgres) {
        this.name = name;
        this.database = name;
        this.postgres = postgres;
        this.kafka = SharedServers.kafka();
    }

    /** A new database with the shop schema on the shared server. */
    static CaptureFixture create(String label) {
        return createOn(SharedServers.postgres(), label);
    }

    /** A new database with the shop schema on the given server. */
    static CaptureFixture createOn(EmbeddedPostgresServer server, String label) {
        String name = label + "_" + COUNTER.incrementAndGet() + "_" + (System.nanoTime() % 100_000);
        server.createDatabase(name);
        CaptureFixture f = new CaptureFixture(name, server);
        f.sql(shopDdl());
        return f;
    }

    static synchronized String registryUrl() {
        if (registry == null) {
            registry = RegistryServer.start(RegistryServerConfig.inMemory());
            Runtime.getRuntime().addShutdownHook(new Thread(registry::close, "registry-stop"));
        }
        return registry.url().toString();
    }

    /** Capture settings for this database, unique names per fixture. */
    Map<String, String> settings() {
        Map<String, String> m = new HashMap<>();
        m.put(CaptureConfig.HOST, postgres.host());
        m.put(CaptureConfig.PORT, Integer.toString(postgres.port()));
        m.put(CaptureConfig.NAME, database);
        m.put(CaptureConfig.USER, postgres.user());
        m.put(CaptureConfig.PASSWORD, postgres.password());
        m.put(CaptureConfig.SLOT, name + "_slot");
        m.put(CaptureConfig.TOPIC_PREFIX, name);
        m.put(CaptureConfig.ENGINE_NAME, name);
        m.put(CaptureConfig.OFFSETS_TOPIC, name + ".offsets");
        m.put(CaptureConfig.HEARTBEAT_INTERVAL, "1s");
        m.put(CaptureConfig.OFFSET_FLUSH_INTERVAL, "500ms");
        m.put(CaptureConfig.SLOT_METRICS_INTERVAL, "500ms");
        m.put(CaptureConfig.KAFKA_BOOTSTRAP, kafka.bootstrapServers());
        m.put(CaptureConfig.REGISTRY_URL, registryUrl());
        return m;
    }

    CaptureConfig config() {
        return CaptureConfig.from(Settings.of(settings()));
    }

    CaptureService service(SimpleMeterRegistry meters) {
        return new CaptureService(config(), meters);
    }

    String topic(String table) {
        return name + ".shop." + table;
    }

    String slot() {
        return name + "_slot";
    }

    /** Runs SQL (one or more statements) in autocommit. */
    void sql(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + sql, e);
        }
    }

    Connection connect() throws SQLException {
        return postgres.connect(database);
    }

    private static String shopDdl() {
        try (InputStream in = CaptureFixture.class.getResourceAsStream("/db/shop-schema.sql")) {
            if (in == null) {
                throw new IllegalStateException("db/shop-schema.sql (medallion-loadgen) is not on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
