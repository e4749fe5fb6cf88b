package io.medallion.deploy;

import io.medallion.gold.GoldConfig;
import io.medallion.sink.SinkConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceEnvironmentTest {

    private static final Map<String, String> GOLD = Map.of(
            "MEDALLION_GOLD_BOOTSTRAP_SERVERS", "kafka:9092",
            "MEDALLION_GOLD_SCHEMA_REGISTRY_URL", "http://registry:8081");

    @Test
    void environmentVariablesOverrideApplicationYaml() {
        ServiceEnvironment env = new ServiceEnvironment(
                Map.of("medallion.gold.grace", "5s", "medallion.gold.partitions", "2"), List.of(),
                merged(GOLD, Map.of("MEDALLION_GOLD_GRACE", "30s")));

        GoldConfig config = (GoldConfig) env.config(Component.GOLD_KPI).orElseThrow();

        assertThat(config.windows().grace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.partitions()).isEqualTo(2);
        assertThat(env.problems(Component.GOLD_KPI, "test")).isEmpty();
    }

    @Test
    void aWrongValueIsReportedWithTheKeyTheServiceWouldName() {
        ServiceEnvironment env = ServiceEnvironment.of(merged(GOLD, Map.of("MEDALLION_GOLD_GRACE", "banana")));

        assertThat(env.problems(Component.GOLD_KPI, "Deployment gold")).singleElement().asString()
                .startsWith("Deployment gold: gold-kpi would not start")
                .contains("'medallion.gold.grace'");
        assertThat(env.config(Component.GOLD_KPI)).isEmpty();
    }

    @Test
    void aMissingRequiredKeyIsReported() {
        ServiceEnvironment env = ServiceEnvironment.of(Map.of("MEDALLION_GOLD_BOOTSTRAP_SERVERS", "kafka:9092"));

        assertThat(env.problems(Component.GOLD_KPI, "x")).singleElement().asString().contains("medallion.gold.schema-registry-url");
    }

    @Test
    void configurationFilesKeepCaseSensitivePrefixMapKeys() {
        Map<String, Object> file = ServiceEnvironment.flattenYaml("lake.yml", """
                medallion:
                  sink:
                    hadoop:
                      delta.logStore.s3a.impl: io.delta.storage.S3DynamoDBLogStore
                """);
        ServiceEnvironment env = new ServiceEnvironment(Map.of(), List.of(file), Map.of(
                "MEDALLION_SINK_TABLE_ROOT", "s3a://bucket/lake",
                "MEDALLION_SINK_BOOTSTRAP_SERVERS", "kafka:9092",
                "MEDALLION_SINK_REGISTRY_URL", "http://registry:8081",
                "MEDALLION_SINK_HADOOP_FS_S3A_ENDPOINT", "s3.example.com"));

        SinkConfig config = (SinkConfig) env.config(Component.BRONZE_WRITER).orElseThrow();

        assertThat(config.storage().hadoop())
                .containsEntry("delta.logStore.s3a.impl", "io.delta.storage.S3DynamoDBLogStore")
                .containsEntry("fs.s3a.endpoint", "s3.example.com");
    }

    @Test
    void withoutTheCaseSensitiveLogStoreKeyAnS3SinkWouldNotStart() {
        ServiceEnvironment env = ServiceEnvironment.of(Map.of(
                "MEDALLION_SINK_TABLE_ROOT", "s3a://bucket/lake",
                "MEDALLION_SINK_BOOTSTRAP_SERVERS", "kafka:9092",
                "MEDALLION_SINK_REGISTRY_URL", "http://registry:8081",
                // An environment variable cannot spell logStore: it arrives as logstore.
                "MEDALLION_SINK_HADOOP_DELTA_LOGSTORE_S3A_IMPL", "io.delta.storage.S3DynamoDBLogStore"));

        assertThat(env.problems(Component.BRONZE_WRITER, "x")).singleElement().asString()
                .contains("medallion.sink.hadoop.delta.logStore.s3a.impl");
    }

    @Test
    void keysAConfigurationFileSetsMustBeReadByTheComponent() {
        Map<String, Object> file = ServiceEnvironment.flattenYaml("extra.yml", "medallion:\n  gold:\n    grase: 5s\n");
        ServiceEnvironment env = new ServiceEnvironment(Map.of(), List.of(file), GOLD);

        assertThat(env.problems(Component.GOLD_KPI, "x")).singleElement().asString()
                .isEqualTo("x configuration file: medallion.gold.grase is not a setting of gold-kpi");
    }

    @Test
    void runtimeSettingsAreValidatedForMicronautServices() {
        ServiceEnvironment env = ServiceEnvironment.of(merged(GOLD, Map.of("MEDALLION_SHUTDOWN_TIMEOUT", "45s",
                "MEDALLION_LOG_FORMAT", "xml")));

        assertThat(env.shutdownTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(env.problems(Component.GOLD_KPI, "x")).singleElement().asString().contains("medallion.log.format");
    }

    private static Map<String, String> merged(Map<String, String> a, Map<String, String> b) {
        Map<String, String> out = new java.util.LinkedHashMap<>(a);
        out.putAll(b);
        return out;
    }
}
