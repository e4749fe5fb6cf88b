package io.medallion.deploy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart rendered by a real helm (fetched through npm, see {@link HelmTool}): {@code helm
 * lint --strict} and {@code helm template} with the default values and with each values file of
 * helm/medallion/ci, every rendered manifest checked against the code by {@link ChartChecks}.
 */
class HelmChartIT {

    private static final String RELEASE = "medallion";
    private static final String NAMESPACE = "data";

    private static HelmTool helm;
    private static Path chart;
    private static String appVersion;
    private static ApplicationYamls applications;

    @TempDir
    Path scratch;

    @BeforeAll
    static void obtainHelm() throws IOException {
        chart = RepositoryRoot.find().resolve("helm/medallion");
        appVersion = Yamls.text(Yamls.load(Files.readString(chart.resolve("Chart.yaml"))).get("appVersion"));
        applications = ApplicationYamls.fromClassPath();
        helm = HelmTool.obtain();
    }

    /** Each values file with the Secrets and claims it says exist outside the chart. */
    static Stream<Arguments> valuesFiles() {
        return Stream.of(
                Arguments.of("defaults", Set.of()),
                Arguments.of("s3-values.yaml", Set.of()),
                Arguments.of("gcs-values.yaml", Set.of("shop-db-credentials", "medallion-pii")),
                Arguments.of("abfss-values.yaml", Set.of("medallion-lake")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesFiles")
    void lintPasses(String values, Set<String> external) {
        Processes.Result lint = helm.lint(chart, valuesFile(values));

        assertThat(lint.exitCode()).as("helm lint --strict:\n%s%s", lint.stdout(), lint.stderr()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesFiles")
    void everyRenderedManifestMatchesTheCode(String values, Set<String> external) {
        List<Map<String, Object>> docs = render(values);

        assertThat(docs).isNotEmpty();
        assertThat(ChartChecks.check(docs, new ChartChecks.Expectations(external, appVersion, applications), scratch)).isEmpty();
    }

    @Test
    void theDefaultsDeployEveryComponentAsTheOperationsGuideSays() {
        Manifests m = new Manifests(render("defaults"));

        Map<String, Object> capture = m.get("Deployment", "medallion-cdc-capture");
        assertThat(Yamls.path(capture, "spec").get("replicas")).isEqualTo(1);
        assertThat(Yamls.path(capture, "spec", "strategy").get("type")).isEqualTo("Recreate");
        for (String layer : List.of("bronze", "silver", "gold")) {
            assertThat(m.configMap("medallion-bronze-writer-" + layer)).containsEntry("MEDALLION_SINK_LAYER", layer)
                    .containsEntry("MEDALLION_SINK_GROUP_ID", "medallion-sink-" + layer);
            assertThat(m.get("Deployment", "medallion-bronze-writer-" + layer)).isNotNull();
        }
        for (String streams : List.of("medallion-silver-enricher", "medallion-gold-kpi")) {
            assertThat(Yamls.list(Yamls.path(m.get("StatefulSet", streams), "spec").get("volumeClaimTemplates"), "claims")).hasSize(1);
        }
        assertThat(m.names("PodDisruptionBudget")).hasSize(6);
        assertThat(m.names("ServiceMonitor")).isEmpty();
        assertThat(m.names("PersistentVolumeClaim")).containsExactly("medallion-lake");
        assertThat(m.secret("medallion-pii").get("hmac-key")).hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void theS3OptionsRenderCredentialsLogStoreAndServiceMonitor() {
        Manifests m = new Manifests(render("s3-values.yaml"));

        assertThat(m.names("ServiceMonitor")).containsExactly("medallion");
        assertThat(m.secret("medallion-lake-credentials")).containsEntry("AWS_ACCESS_KEY_ID", "AKIAEXAMPLEEXAMPLE")
                .containsKey("AWS_SECRET_ACCESS_KEY");
        assertThat(m.configMap("medallion-lake").get("lake.yml")).contains("delta.logStore.s3a.impl: io.delta.storage.S3DynamoDBLogStore");
        assertThat(m.names("PersistentVolumeClaim")).isEmpty();
        Map<String, Object> bronze = m.get("Deployment", "medallion-bronze-writer-bronze");
        assertThat(Yamls.path(bronze, "spec").get("replicas")).isEqualTo(4);
        assertThat(String.valueOf(bronze)).contains("registry.example.com/data/medallion/bronze-writer:0.1.0");
        assertThat(m.configMap("medallion-silver-enricher")).containsEntry("MEDALLION_SILVER_STREAMS_NUM_STANDBY_REPLICAS", "1")
                .containsEntry("MEDALLION_SILVER_TOPICS_PARTITIONS", "8");
    }

    @Test
    void theGcsOptionsMountTheKeyFileAndUseExistingSecrets() {
        Manifests m = new Manifests(render("gcs-values.yaml"));

        assertThat(m.configMap("medallion-lake").get("lake.yml"))
                .contains("fs.gs.auth.service.account.json.keyfile: /var/run/secrets/medallion/lake/gcs-key.json");
        assertThat(m.secret("medallion-lake-credentials")).containsKey("GCS_KEY_JSON");
        assertThat(m.names("Secret")).doesNotContain("medallion-postgres", "medallion-pii");
        assertThat(m.names("PodDisruptionBudget")).isEmpty();
    }

    @Test
    void theChartRefusesMoreSinkReplicasThanPartitions() throws IOException {
        Path values = scratch.resolve("too-many.yaml");
        Files.writeString(values, "sink:\n  layers:\n    bronze:\n      replicas: 5\n");

        Processes.Result result = helm.tryTemplate(RELEASE, NAMESPACE, chart, List.of(values));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("sink.layers.bronze.replicas is 5, more than the 4 this layer can use");
    }

    @Test
    void theChartRefusesAShortPiiKeyAndAnUnsupportedLakeRoot() throws IOException {
        Path shortKey = scratch.resolve("short-key.yaml");
        Files.writeString(shortKey, "silver:\n  pii:\n    hmacKey: too-short\n");
        Path ftp = scratch.resolve("ftp.yaml");
        Files.writeString(ftp, "lake:\n  root: ftp://lake/medallion\n");

        assertThat(helm.tryTemplate(RELEASE, NAMESPACE, chart, List.of(shortKey)).stderr())
                .contains("silver.pii.hmacKey must be at least 32 bytes");
        assertThat(helm.tryTemplate(RELEASE, NAMESPACE, chart, List.of(ftp)).stderr())
                .contains("lake.root must be a file:, s3a:, abfss:, gs: or hdfs: URI");
    }

    @Test
    void theValuesSchemaRefusesAMisspelledValueOrSettingKey() throws IOException {
        Path value = scratch.resolve("typo.yaml");
        Files.writeString(value, "sink:\n  layers:\n    bronze:\n      replica: 2\n");
        Path setting = scratch.resolve("short-key.yaml");
        Files.writeString(setting, "capture:\n  settings:\n    max-batch-size: 2\n");

        assertThat(helm.tryTemplate(RELEASE, NAMESPACE, chart, List.of(value)).stderr())
                .contains("additional properties 'replica' not allowed");
        assertThat(helm.tryTemplate(RELEASE, NAMESPACE, chart, List.of(setting)).stderr())
                .contains("'max-batch-size' does not match pattern");
    }

    private List<Map<String, Object>> render(String values) {
        return Yamls.loadAll(helm.template(RELEASE, NAMESPACE, chart, valuesFile(values)));
    }

    private static List<Path> valuesFile(String values) {
        return values.equals("defaults") ? List.of() : List.of(chart.resolve("ci").resolve(values));
    }

    /** Rendered objects by kind and name. */
    private record Manifests(List<Map<String, Object>> docs) {

        Map<String, Object> get(String kind, String name) {
            return docs.stream().filter(d -> kind.equals(d.get("kind")) && name.equals(Yamls.path(d, "metadata").get("name")))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + names(kind)));
        }

        List<String> names(String kind) {
            return docs.stream().filter(d -> kind.equals(d.get("kind"))).map(d -> Yamls.text(Yamls.path(d, "metadata").get("name"))).toList();
        }

        Map<String, String> configMap(String name) {
            Map<String, String> out = new java.util.LinkedHashMap<>();
            Yamls.map(get("ConfigMap", name).get("data"), "data").forEach((k, v) -> out.put(k, String.valueOf(v)));
            return out;
        }

        Map<String, String> secret(String name) {
            Map<String, String> out = new java.util.LinkedHashMap<>();
            Yamls.map(get("Secret", name).get("data"), "data").forEach((k, v) ->
                    out.put(k, new String(Base64.getDecoder().decode(String.valueOf(v)), StandardCharsets.UTF_8)));
            return out;
        }
    }
}
