package io.medallion.deploy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static io.medallion.deploy.ComposeStackTest.replaceOnce;
import static org.assertj.core.api.Assertions.assertThat;

/** The manifest checks on a small hand-written release (manifests/gold.yaml), broken one way at a time. */
class ChartChecksTest {

    private static String release;

    @TempDir
    Path scratch;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = ChartChecksTest.class.getResourceAsStream("/manifests/gold.yaml")) {
            release = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theReleaseIsValid() {
        assertThat(problems(release)).isEmpty();
    }

    @Test
    void aMisspelledKeyInAConfigMapIsCaught() {
        String broken = replaceOnce(release, "MEDALLION_GOLD_PARTITIONS: \"4\"", "MEDALLION_GOLD_PARTITONS: \"4\"");

        assertThat(problems(broken)).singleElement().asString()
                .isEqualTo("StatefulSet m-gold-kpi: MEDALLION_GOLD_PARTITONS is not a setting of gold-kpi: no key of its config "
                        + "class or prefix map has this environment variable (did you mean MEDALLION_GOLD_PARTITIONS?)");
    }

    @Test
    void aWrongValueIsCaughtAsTheServiceWouldReportIt() {
        String broken = replaceOnce(release, "MEDALLION_GOLD_PARTITIONS: \"4\"", "MEDALLION_GOLD_PARTITIONS: \"four\"");

        assertThat(problems(broken)).singleElement().asString().contains("'medallion.gold.partitions'");
    }

    @Test
    void aProbeOnAPathTheServiceDoesNotServeIsCaught() {
        String broken = replaceOnce(release, "path: /health/readiness", "path: /ready");

        assertThat(problems(broken)).containsExactly(
                "StatefulSet m-gold-kpi: readinessProbe asks /ready, expected /health/readiness");
    }

    @Test
    void aProbeOnAnotherPortIsCaught() {
        String broken = replaceOnce(release, "              port: 8080", "              port: 9090");

        assertThat(problems(broken)).containsExactly("StatefulSet m-gold-kpi: readinessProbe port 9090 is not the HTTP port 8080");
    }

    @Test
    void aMissingSecretIsCaughtUnlessExpected() {
        String broken = replaceOnce(release, "                  name: m-gold-streams", "                  name: gold-streams");

        assertThat(problems(broken)).containsExactlyInAnyOrder(
                "StatefulSet m-gold-kpi: MEDALLION_GOLD_STREAMS_SASL_JAAS_CONFIG reads Secret gold-streams, which is neither rendered nor expected",
                "Secret m-gold-streams is rendered but no workload uses it");
        assertThat(ChartChecks.check(Yamls.loadAll(broken), new ChartChecks.Expectations(Set.of("gold-streams"), "0.1.0",
                ApplicationYamls.none()), scratch)).containsExactly("Secret m-gold-streams is rendered but no workload uses it");
    }

    @Test
    void aMissingSecretKeyIsCaught() {
        String broken = replaceOnce(release, "                  key: MEDALLION_GOLD_STREAMS_SASL_JAAS_CONFIG", "                  key: jaas");

        assertThat(problems(broken)).containsExactly(
                "StatefulSet m-gold-kpi: MEDALLION_GOLD_STREAMS_SASL_JAAS_CONFIG reads key jaas of Secret m-gold-streams, which has no such key");
    }

    @Test
    void aDisruptionBudgetSelectingNothingIsCaught() {
        String broken = replaceOnce(release, "  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: gold-kpi",
                "  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: gold");

        assertThat(problems(broken)).containsExactlyInAnyOrder(
                "PodDisruptionBudget m-gold-kpi: selector {app=gold} matches 0 workloads, expected one",
                "StatefulSet m-gold-kpi: covered by 0 PodDisruptionBudgets, expected one");
    }

    @Test
    void aServiceSelectingNothingIsCaught() {
        String broken = replaceOnce(release, "  selector:\n    app: gold-kpi", "  selector:\n    app: gold");

        assertThat(problems(broken)).contains("Service m-gold-kpi: selector {app=gold} matches 0 workloads, expected one",
                "StatefulSet m-gold-kpi: no Service selects its pods (metrics cannot be scraped through one)");
    }

    @Test
    void aWorkloadSelectorNotMatchingItsPodsIsCaught() {
        String broken = replaceOnce(release, "    matchLabels:\n      app: gold-kpi\n  template:", "    matchLabels:\n      app: gold\n  template:");

        assertThat(problems(broken)).contains("StatefulSet m-gold-kpi: selector {app=gold} does not match its pod labels {app=gold-kpi, release=m}");
    }

    @Test
    void aServiceMonitorOnTheWrongPathIsCaught() {
        String broken = replaceOnce(release, "path: /prometheus", "path: /metrics");

        assertThat(problems(broken)).containsExactly("ServiceMonitor m: scrapes /metrics, metrics are at /prometheus");
    }

    @Test
    void stateOffTheMountedVolumesIsCaught() {
        String broken = replaceOnce(release, "MEDALLION_GOLD_STATE_DIR: /var/lib/medallion/state", "MEDALLION_GOLD_STATE_DIR: /data/state");

        assertThat(problems(broken)).containsExactly("StatefulSet m-gold-kpi: medallion.gold.state-dir=/data/state is on no mounted "
                + "volume (the root file system is read-only)");
    }

    @Test
    void aGracePeriodShorterThanTheShutdownTimeoutIsCaught() {
        String broken = replaceOnce(release, "terminationGracePeriodSeconds: 45", "terminationGracePeriodSeconds: 30");

        assertThat(problems(broken)).singleElement().asString().contains("terminationGracePeriodSeconds 30 is not longer than");
    }

    @Test
    void moreReplicasThanPartitionsAreCaught() {
        String broken = replaceOnce(release, "  replicas: 2", "  replicas: 5");

        assertThat(problems(broken)).singleElement().asString()
                .contains("5 replicas, but only 4 can work (max(partitions of silver.web_events, medallion.gold.partitions))");
    }

    @Test
    void rootAndAnotherImageTagAreCaught() {
        String broken = replaceOnce(release, "runAsUser: 10001", "runAsUser: 0");
        broken = replaceOnce(broken, "medallion/gold-kpi:0.1.0", "medallion/gold-kpi:latest");

        assertThat(problems(broken)).containsExactlyInAnyOrder(
                "StatefulSet m-gold-kpi: runs as uid 0, the image's files belong to 10001",
                "StatefulSet m-gold-kpi: image medallion/gold-kpi:latest should carry tag 0.1.0");
    }

    @Test
    void aStatefulSetWithoutItsHeadlessServiceIsCaught() {
        String broken = replaceOnce(release, "  clusterIP: None\n", "");

        assertThat(problems(broken)).containsExactly("StatefulSet m-gold-kpi: serviceName m-gold-kpi is no headless Service of the release");
    }

    private List<String> problems(String manifests) {
        return ChartChecks.check(Yamls.loadAll(manifests), new ChartChecks.Expectations(Set.of(), "0.1.0", ApplicationYamls.none()),
                scratch);
    }
}
