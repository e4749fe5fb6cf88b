package io.medallion.sink.app;

import io.medallion.common.config.ConfigException;
import io.medallion.registry.client.MockSchemaRegistry;
import io.medallion.runtime.AppProbe;
import io.medallion.runtime.ServiceSettings;
import io.medallion.sink.SinkConfig;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The sink as a Micronaut application (HTTP server on a random port) on the shared broker. */
class SinkApplicationIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private final String scope = "sink-app-it-" + UUID.randomUUID();

    @TempDir
    Path lake;

    @AfterEach
    void dropScope() {
        MockSchemaRegistry.dropScope(scope);
    }

    private Map<String, Object> properties(SinkAppFixture f, String... extra) {
        Map<String, Object> p = new HashMap<>(f.settings());
        p.put("micronaut.server.port", -1);
        for (int i = 0; i < extra.length; i += 2) {
            p.put(extra[i], extra[i + 1]);
        }
        return p;
    }

    @Test
    void readyWhileItCommitsAndItsMetricsFollowTheData() {
        try (SinkAppFixture f = new SinkAppFixture(lake, "mock://" + scope);
             EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties(f, SinkConfig.FLUSH_MAX_LATENCY, "300ms"))) {
            AppProbe app = new AppProbe(server.getURL());
            await().atMost(WAIT).until(() -> app.readiness() == 200);
            assertThat(app.liveness()).isEqualTo(200);

            f.send(0, 20, System.currentTimeMillis() - 1_000);
            await().atMost(WAIT).until(() -> f.rows() == 20);

            await().atMost(WAIT).until(() -> app.metricOrZero("medallion_sink_records_out_total", "table", f.table) == 20);
            String scrape = app.prometheus();
            assertThat(AppProbe.sum(scrape, "medallion_sink_records_in_total", "layer", "bronze", "topic", f.topic)).hasValue(20);
            // Freshness per table with SLO buckets: every row was committed within 5 minutes of its source commit.
            assertThat(AppProbe.sum(scrape, "medallion_sink_freshness_milliseconds_count", "table", f.table)).hasValue(20);
            assertThat(AppProbe.sum(scrape, "medallion_sink_freshness_milliseconds_bucket", "table", f.table, "le", "300000.0")).hasValue(20);
            assertThat(AppProbe.sum(scrape, "medallion_sink_freshness_milliseconds_bucket", "table", f.table, "le", "500.0")).isPresent();
            assertThat(AppProbe.sum(scrape, "medallion_sink_commit_duration_seconds_count", "table", f.table).orElse(0)).isGreaterThanOrEqualTo(1);
            assertThat(AppProbe.sum(scrape, "medallion_sink_files_written_total", "table", f.table).orElse(0)).isGreaterThanOrEqualTo(1);
            assertThat(AppProbe.sum(scrape, "medallion_sink_bytes_written_total", "table", f.table).orElse(0)).isPositive();
            assertThat(scrape).contains("kafka_consumer_fetch_manager_records_consumed_total", "jvm_memory_used_bytes");
            assertThat(app.get("/health/readiness").body()).contains("\"rowsCommitted\":20");
        }
    }

    @Test
    void notReadyWhileReadRecordsWaitLongerThanTheBoundForTheirCommit() {
        // Flushes every 10 s, but records may wait only 1 s: each batch makes the sink not ready until it commits.
        try (SinkAppFixture f = new SinkAppFixture(lake, "mock://" + scope);
             EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties(f,
                     SinkConfig.FLUSH_MAX_LATENCY, "10s", SinkAppSettings.MAX_COMMIT_DELAY, "1s"))) {
            AppProbe app = new AppProbe(server.getURL());
            await().atMost(WAIT).until(() -> app.readiness() == 200);

            f.send(0, 3, System.currentTimeMillis());

            await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> app.readiness() == 503);
            assertThat(app.get("/health/readiness").body()).contains("are not committed").contains("health.max-commit-delay");
            assertThat(app.liveness()).as("a late commit is no reason to restart").isEqualTo(200);
            assertThat(f.rows()).isZero();

            await().atMost(WAIT).until(() -> app.readiness() == 200);
            assertThat(f.rows()).isEqualTo(3);
        }
    }

    @Test
    void closingTheApplicationCommitsWhatItBuffered() {
        try (SinkAppFixture f = new SinkAppFixture(lake, "mock://" + scope)) {
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties(f, SinkConfig.FLUSH_MAX_LATENCY, "10m"))) {
                AppProbe app = new AppProbe(server.getURL());
                await().atMost(WAIT).until(() -> app.readiness() == 200);
                f.send(0, 5, System.currentTimeMillis());
                await().atMost(WAIT).until(() -> app.metricOrZero("medallion_sink_records_in_total", "topic", f.topic) == 5);
                assertThat(f.rows()).isZero();
            }
            assertThat(f.rows()).isEqualTo(5);
        }
    }

    @Test
    void aBadSettingStopsTheStartNamingIt() {
        try (SinkAppFixture f = new SinkAppFixture(lake, "mock://" + scope)) {
            assertFailsNaming(f, "MEDALLION_SINK_FLUSH_MAX_RECORDS", "banana", SinkConfig.FLUSH_MAX_RECORDS);
            assertFailsNaming(f, "MEDALLION_SINK_HEALTH_MAX_COMMIT_DELAY", "0s", SinkAppSettings.MAX_COMMIT_DELAY);
        }
    }

    private void assertFailsNaming(SinkAppFixture f, String variable, String value, String key) {
        assertThatThrownBy(() -> ApplicationContext.builder(properties(f))
                .propertySources(ServiceSettings.environmentVariables(Map.of(variable, value)))
                .run(EmbeddedServer.class))
                .hasStackTraceContaining("Invalid setting '" + key + "'")
                .satisfies(e -> assertThat(configError(e).key()).isEqualTo(key));
    }

    private static ConfigException configError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConfigException c) {
                return c;
            }
        }
        throw new AssertionError("no ConfigException in " + e, e);
    }
}
