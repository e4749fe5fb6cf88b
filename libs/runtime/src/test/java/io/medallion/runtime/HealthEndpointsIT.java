package io.medallion.runtime;

import io.medallion.common.lifecycle.Health;
import io.medallion.common.lifecycle.ManagedService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The runtime's wiring in a real Micronaut context and HTTP server, around a controllable service. */
class HealthEndpointsIT {

    private static final String SPEC = "HealthEndpointsIT";
    private final HttpClient http = HttpClient.newHttpClient();

    static Map<String, Object> properties() {
        Map<String, Object> p = new HashMap<>();
        p.put("spec.name", SPEC);
        p.put("micronaut.server.port", -1);
        p.put("endpoints.all.enabled", false);
        p.put("endpoints.health.enabled", true);
        p.put("endpoints.health.sensitive", false);
        p.put("endpoints.health.details-visible", "ANONYMOUS");
        p.put("endpoints.prometheus.enabled", true);
        p.put("endpoints.prometheus.sensitive", false);
        p.put("micronaut.metrics.enabled", true);
        p.put("micronaut.metrics.export.prometheus.enabled", true);
        p.put("micronaut.metrics.export.prometheus.descriptions", true);
        return p;
    }

    @Test
    void livenessAndReadinessFollowTheServiceAndMetricsAreScraped() throws Exception {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties())) {
            ControlledService service = server.getApplicationContext().getBean(ControlledService.class);
            ServiceRunner runner = server.getApplicationContext().getBean(ServiceRunner.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> runner.phase() == ServiceRunner.Phase.RUNNING);

            assertThat(get(server, "/health/readiness").statusCode()).isEqualTo(503);
            assertThat(get(server, "/health/liveness").statusCode()).isEqualTo(200);

            service.ready = true;
            HttpResponse<String> ready = get(server, "/health/readiness");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).contains("\"controlled\"").contains("\"phase\":\"RUNNING\"");

            service.live = false;
            assertThat(get(server, "/health/liveness").statusCode()).isEqualTo(503);
            assertThat(get(server, "/health").body()).contains("controlled-liveness").contains("\"DOWN\"");

            String metrics = get(server, "/prometheus").body();
            assertThat(metrics).contains("medallion_test_started_total 1.0").contains("jvm_memory_used_bytes");
        }
    }

    @Test
    void closingTheContextStopsTheService() {
        ControlledService service;
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties())) {
            service = server.getApplicationContext().getBean(ControlledService.class);
            ServiceRunner runner = server.getApplicationContext().getBean(ServiceRunner.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> runner.phase() == ServiceRunner.Phase.RUNNING);
        }
        assertThat(service.closed).isTrue();
    }

    @Test
    void aBadShutdownTimeoutStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> ApplicationContext.builder(properties())
                .propertySources(ServiceSettings.environmentVariables(Map.of("MEDALLION_SHUTDOWN_TIMEOUT", "banana")))
                .run(EmbeddedServer.class))
                .hasStackTraceContaining("Invalid setting 'medallion.shutdown-timeout'");
    }

    private HttpResponse<String> get(EmbeddedServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Singleton
    @Requires(property = "spec.name", value = SPEC)
    static class ControlledService implements ManagedService {
        private final MeterRegistry registry;
        volatile boolean live = true;
        volatile boolean ready;
        volatile boolean closed;

        ControlledService(MeterRegistry registry) {
            this.registry = registry;
        }

        @Override
        public String name() {
            return "controlled";
        }

        @Override
        public void start() {
            Counter.builder("medallion.test.started").register(registry).increment();
        }

        @Override
        public Health health() {
            return new Health(live, ready, "RUNNING", Map.of());
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
