package io.medallion.deploy;

import io.medallion.common.config.Settings;
import io.medallion.gold.GoldConfig;
import io.medallion.runtime.RuntimeSettings;
import io.medallion.sink.SinkConfig;
import io.medallion.sink.StorageConfig;
import io.medallion.sink.app.SinkAppSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EnvContractTest {

    @ParameterizedTest
    @EnumSource(Component.class)
    void everyKeyOfTheConfigClassIsAcceptedAsItsEnvironmentVariable(Component component) {
        List<String> names = component.configKeys().stream().map(Settings::envName).toList();

        assertThat(EnvContract.problems(component, names, "test")).isEmpty();
    }

    @Test
    void aMisspelledKeyIsReportedWithTheNearestRealOne() {
        List<String> problems = EnvContract.problems(Component.GOLD_KPI,
                List.of(Settings.envName(GoldConfig.GRACE), "MEDALLION_GOLD_GRACEE"), "Deployment gold");

        assertThat(problems).singleElement().asString()
                .startsWith("Deployment gold: MEDALLION_GOLD_GRACEE is not a setting of gold-kpi")
                .contains("did you mean MEDALLION_GOLD_GRACE?");
    }

    @Test
    void aKeyOfAnotherServiceIsNotASetting() {
        assertThat(EnvContract.problem(Component.GOLD_KPI, Settings.envName(StorageConfig.TABLE_ROOT)))
                .hasValueSatisfying(p -> assertThat(p).contains("MEDALLION_SINK_TABLE_ROOT is not a setting of gold-kpi"));
    }

    @Test
    void entriesOfPrefixMapsAreSettingsWithLowerCaseDottedKeys() {
        assertThat(EnvContract.problem(Component.BRONZE_WRITER, "MEDALLION_SINK_HADOOP_FS_S3A_ENDPOINT")).isEmpty();
        assertThat(EnvContract.keyOf(Component.BRONZE_WRITER, "MEDALLION_SINK_HADOOP_FS_S3A_ENDPOINT"))
                .contains("medallion.sink.hadoop.fs.s3a.endpoint");
        assertThat(EnvContract.keyOf(Component.SILVER_ENRICHER, "MEDALLION_SILVER_STREAMS_NUM_STANDBY_REPLICAS"))
                .contains("medallion.silver.streams.num.standby.replicas");
        // The prefix alone names no entry.
        assertThat(EnvContract.problem(Component.GOLD_KPI, "MEDALLION_GOLD_STREAMS")).isPresent();
    }

    @Test
    void keysTheApplicationAddsAreSettingsToo() {
        assertThat(EnvContract.keyOf(Component.BRONZE_WRITER, Settings.envName(SinkAppSettings.MAX_COMMIT_DELAY)))
                .contains(SinkAppSettings.MAX_COMMIT_DELAY);
    }

    @Test
    void aFixedKeyWinsOverAPrefixMapOfTheSameSpelling() {
        assertThat(EnvContract.keyOf(Component.BRONZE_WRITER, "MEDALLION_SINK_REGISTRY_URL")).contains(SinkConfig.REGISTRY_URL);
    }

    @Test
    void runtimeSettingsBelongToTheMicronautServicesOnly() {
        String shutdown = Settings.envName(RuntimeSettings.SHUTDOWN_TIMEOUT);

        assertThat(EnvContract.problem(Component.SILVER_ENRICHER, shutdown)).isEmpty();
        assertThat(EnvContract.problem(Component.SILVER_ENRICHER, "MEDALLION_LOG_FORMAT")).isEmpty();
        assertThat(EnvContract.problem(Component.LOADGEN, shutdown)).isPresent();
        // Set by the application itself, not by hand.
        assertThat(EnvContract.problem(Component.GOLD_KPI, Settings.envName(RuntimeSettings.STANDALONE))).isPresent();
    }

    @Test
    void otherVariablesMustBeOnesTheJvmMicronautOrAStorageClientReads() {
        assertThat(EnvContract.problem(Component.GOLD_KPI, "JAVA_TOOL_OPTIONS")).isEmpty();
        assertThat(EnvContract.problem(Component.GOLD_KPI, "MICRONAUT_SERVER_PORT")).isEmpty();
        assertThat(EnvContract.problem(Component.BRONZE_WRITER, "AWS_SECRET_ACCESS_KEY")).isEmpty();
        assertThat(EnvContract.problem(Component.GOLD_KPI, "AWS_SECRET_ACCESS_KEY")).isPresent();
        assertThat(EnvContract.problem(Component.LOADGEN, "MICRONAUT_CONFIG_FILES")).isPresent();
        assertThat(EnvContract.problem(Component.GOLD_KPI, "MEDALION_GOLD_GRACE"))
                .hasValueSatisfying(p -> assertThat(p).contains("MEDALION_GOLD_GRACE is not read by gold-kpi"));
    }

    @Test
    void distanceCountsEdits() {
        assertThat(EnvContract.distance("GRACE", "GRACE")).isZero();
        assertThat(EnvContract.distance("GRACE", "GRACEE")).isEqualTo(1);
        assertThat(EnvContract.distance("GRACE", "GRAZE")).isEqualTo(1);
        assertThat(EnvContract.distance("", "ABC")).isEqualTo(3);
    }
}
