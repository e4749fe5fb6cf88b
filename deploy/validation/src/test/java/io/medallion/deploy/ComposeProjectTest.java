package io.medallion.deploy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ComposeProjectTest {

    private static final String COMPOSE = """
            x-env: &env
              SHARED: "1"
            services:
              app:
                image: medallion/gold-kpi:0.1.0
                build:
                  context: .
                  args: [SERVICE=gold-kpi]
                environment:
                  <<: *env
                  OWN: ${OWN:-default}
                depends_on: [db]
                volumes:
                  - state:/var/lib/medallion/state
                  - ./deploy:/etc/deploy:ro
                  - type: volume
                    source: other
                    target: /other
                ports:
                  - "8185:8080"
                  - 9000
                secrets:
                  - key
                  - source: key
                    target: /etc/key
                healthcheck:
                  test: ["CMD", "/app/healthcheck", "/health/readiness"]
                stop_grace_period: 1m30s
              db:
                image: postgres:17
                environment:
                  - POSTGRES_DB=shop
                depends_on:
                  app:
                    condition: service_healthy
                healthcheck:
                  test: ["CMD-SHELL", "pg_isready"]
              quiet:
                image: busybox
                healthcheck:
                  disable: true
            volumes:
              state:
              other:
            secrets:
              key:
                file: ./key.txt
            """;

    private final ComposeProject project = ComposeProject.parse(COMPOSE, Map.of());

    @Test
    void mergeKeysAndInterpolationAreResolved() {
        assertThat(project.services().get("app").environment()).containsEntry("SHARED", "1").containsEntry("OWN", "default");
        assertThat(project.services().get("db").environment()).containsEntry("POSTGRES_DB", "shop");
        assertThat(project.services().get("app").buildArgs()).containsEntry("SERVICE", "gold-kpi");
    }

    @Test
    void dependenciesInBothSyntaxes() {
        assertThat(project.services().get("app").dependsOn()).containsExactly(new ComposeProject.Dependency("db", "service_started"));
        assertThat(project.services().get("db").dependsOn()).containsExactly(new ComposeProject.Dependency("app", "service_healthy"));
    }

    @Test
    void mountsPortsAndSecrets() {
        ComposeProject.Service app = project.services().get("app");
        assertThat(app.mounts()).containsExactly(
                new ComposeProject.Mount("state", "/var/lib/medallion/state", false),
                new ComposeProject.Mount("./deploy", "/etc/deploy", true),
                new ComposeProject.Mount("other", "/other", false));
        assertThat(app.ports()).containsExactly(new ComposeProject.Port("8185", 8080), new ComposeProject.Port(null, 9000));
        assertThat(app.secrets()).containsEntry("key", "/etc/key");
        assertThat(project.secretFiles()).containsEntry("key", "./key.txt");
        assertThat(project.volumes()).containsExactlyInAnyOrder("state", "other");
    }

    @Test
    void healthchecks() {
        assertThat(project.services().get("app").healthcheck()).contains(List.of("/app/healthcheck", "/health/readiness"));
        assertThat(project.services().get("db").healthcheck()).contains(List.of("pg_isready"));
        assertThat(project.services().get("quiet").healthcheck()).isEmpty();
        assertThat(ComposeChecks.composeDuration(project.services().get("app").stopGracePeriod().orElseThrow()))
                .hasSeconds(90);
    }
}
