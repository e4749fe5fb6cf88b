package io.medallion.deploy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml as committed, checked against the code; then the same file with one
 * mistake at a time, each of which the checks must catch.
 */
class ComposeStackTest {

    private static Path root;
    private static String compose;
    private static ApplicationYamls applications;

    @BeforeAll
    static void read() throws IOException {
        root = RepositoryRoot.find();
        compose = Files.readString(root.resolve("docker-compose.yml"));
        applications = ApplicationYamls.fromClassPath();
    }

    @Test
    void theStackMatchesTheCode() {
        assertThat(problems(compose)).isEmpty();
    }

    @Test
    void theStackRunsEveryComponentAndTheSinkOncePerLayer() {
        ComposeProject project = ComposeProject.parse(compose, Map.of());
        Map<String, String> sinkLayers = project.services().values().stream()
                .filter(s -> Component.forImage(s.image()).filter(c -> c == Component.BRONZE_WRITER).isPresent())
                .collect(Collectors.toMap(ComposeProject.Service::name, s -> s.environment().get("MEDALLION_SINK_LAYER")));

        assertThat(sinkLayers).containsOnly(Map.entry("bronze-writer-bronze", "bronze"),
                Map.entry("bronze-writer-silver", "silver"), Map.entry("bronze-writer-gold", "gold"));
        assertThat(project.services()).containsKeys("kafka", "schema-registry", "postgres", "cdc-capture", "silver-enricher",
                "gold-kpi", "loadgen", "prometheus", "grafana");
        assertThat(project.services().get("postgres").mounts())
                .anyMatch(m -> m.source().endsWith("tools/loadgen/src/main/resources/db/shop-schema.sql")
                        && m.target().startsWith("/docker-entrypoint-initdb.d/"));
        assertThat(Yamls.list(project.services().get("postgres").raw().get("command"), "command")).contains("wal_level=logical");
    }

    @Test
    void aMisspelledSettingIsCaught() {
        String broken = replaceOnce(compose, "MEDALLION_GOLD_PARTITIONS: \"4\"", "MEDALLION_GOLD_PARTITION: \"4\"");

        assertThat(problems(broken)).singleElement().asString()
                .contains("docker-compose service gold-kpi: MEDALLION_GOLD_PARTITION is not a setting of gold-kpi")
                .contains("did you mean MEDALLION_GOLD_PARTITIONS?");
    }

    @Test
    void aMissingRequiredSettingIsCaught() {
        String broken = replaceOnce(compose, "      MEDALLION_GOLD_SCHEMA_REGISTRY_URL: http://schema-registry:8081\n", "");

        assertThat(problems(broken)).anyMatch(p -> p.contains("gold-kpi would not start") && p.contains("medallion.gold.schema-registry-url"));
    }

    @Test
    void waitingForHealthOfAServiceWithoutHealthcheckIsCaught() {
        String grafanaWaits = "      prometheus:\n        condition: service_healthy\n    healthcheck:\n"
                + "      test: [\"CMD\", \"wget\", \"-q\", \"-O\", \"/dev/null\", \"http://127.0.0.1:3000/api/health\"]";
        String broken = replaceOnce(compose, grafanaWaits, grafanaWaits.replace("    healthcheck:",
                "      loadgen:\n        condition: service_healthy\n    healthcheck:"));

        assertThat(problems(broken)).containsExactly("grafana: waits for loadgen to be healthy, but loadgen has no healthcheck");
    }

    @Test
    void anUndeclaredVolumeIsCaught() {
        String broken = replaceOnce(compose, "- gold-state:/var/lib/medallion/state", "- gold-stat:/var/lib/medallion/state");

        assertThat(problems(broken)).containsExactly("gold-kpi: volume gold-stat is not declared under volumes:");
    }

    @Test
    void stateOffAVolumeIsCaught() {
        String broken = replaceOnce(compose, "MEDALLION_GOLD_STATE_DIR: /var/lib/medallion/state", "MEDALLION_GOLD_STATE_DIR: /tmp/gold");

        assertThat(problems(broken)).singleElement().asString().contains("medallion.gold.state-dir=/tmp/gold is on no named volume");
    }

    @Test
    void aHealthcheckOnAPathTheServiceDoesNotServeIsCaught() {
        String broken = replaceOnce(compose, "test: [\"CMD\", \"/app/healthcheck\", \"/health/readiness\"]",
                "test: [\"CMD\", \"/app/healthcheck\", \"/health/ready\"]");

        assertThat(problems(broken)).hasSize(6).allMatch(p -> p.contains("healthcheck asks /health/ready"));
    }

    @Test
    void twoSinksOnOneLayerAndNoneOnAnotherAreCaught() {
        String broken = replaceOnce(compose, "MEDALLION_SINK_LAYER: gold", "MEDALLION_SINK_LAYER: silver");

        assertThat(problems(broken)).contains("layer silver is written by two sinks: bronze-writer-silver and bronze-writer-gold",
                "no bronze-writer writes layer gold");
    }

    @Test
    void anEndpointOnAnUnknownHostIsCaught() {
        String broken = replaceOnce(compose, "MEDALLION_GOLD_BOOTSTRAP_SERVERS: kafka:9092", "MEDALLION_GOLD_BOOTSTRAP_SERVERS: kafka:9093");

        assertThat(problems(broken)).singleElement().asString()
                .contains("medallion.gold.bootstrap-servers points at kafka:9093, but kafka listens on [9092]");
    }

    @Test
    void aShortStopGracePeriodIsCaught() {
        String broken = replaceOnce(compose, "MEDALLION_SHUTDOWN_TIMEOUT: 30s", "MEDALLION_SHUTDOWN_TIMEOUT: 60s");

        assertThat(problems(broken)).hasSize(6).allMatch(p -> p.contains("stop_grace_period PT45S is not longer than"));
    }

    @Test
    void aPrometheusTargetOnTheWrongPortIsCaught(@TempDir Path dir) throws IOException {
        Path prometheus = dir.resolve("prometheus.yml");
        Files.writeString(prometheus, Files.readString(root.resolve("deploy/prometheus/prometheus.yml"))
                .replace("gold-kpi:8080", "gold-kpi:9090"));
        String broken = replaceOnce(compose, "./deploy/prometheus/prometheus.yml:", prometheus + ":");

        assertThat(problems(broken)).containsExactly("prometheus target gold-kpi:9090: gold-kpi serves metrics on port 8080");
    }

    @Test
    void anImageBuiltForAnotherServiceIsCaught() {
        String broken = replaceOnce(compose, "        SERVICE: gold-kpi\n", "        SERVICE: silver-enricher\n");

        assertThat(problems(broken)).containsExactly(
                "gold-kpi: builds image medallion/gold-kpi:0.1.0 with SERVICE=silver-enricher, which builds silver-enricher, not gold-kpi");
    }

    private static List<String> problems(String text) {
        return ComposeChecks.check(ComposeProject.parse(text, Map.of()), root, applications);
    }

    static String replaceOnce(String text, String old, String replacement) {
        int at = text.indexOf(old);
        assertThat(at).as("'%s' in the file", old).isNotNegative();
        assertThat(text.indexOf(old, at + 1)).as("'%s' only once", old).isNegative();
        return text.substring(0, at) + replacement + text.substring(at + old.length());
    }
}
