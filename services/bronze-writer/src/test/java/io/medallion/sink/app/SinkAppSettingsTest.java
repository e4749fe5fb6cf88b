package io.medallion.sink.app;

import io.medallion.common.config.ConfigException;
import io.medallion.common.config.Settings;
import io.medallion.sink.SinkConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SinkAppSettingsTest {

    @Test
    void theCommitBoundDefaultsToTwoMinutes() {
        assertThat(SinkAppSettings.from(Settings.empty()).maxCommitDelay()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void aBadCommitBoundNamesTheSetting() {
        assertThatThrownBy(() -> SinkAppSettings.from(Settings.of(Map.of(SinkAppSettings.MAX_COMMIT_DELAY, "0s"))))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("medallion.sink.health.max-commit-delay"));
    }

    @Test
    void theApplicationReadsEveryKeyOfTheSinkAndItsRawMaps() {
        assertThat(SinkAppSettings.KEYS).containsAll(SinkConfig.KEYS).contains(SinkAppSettings.MAX_COMMIT_DELAY);
        assertThat(SinkAppSettings.PREFIXES).containsExactly("medallion.sink.kafka.", "medallion.sink.hadoop.", "medallion.sink.registry.");
        assertThat(Settings.envName(SinkAppSettings.MAX_COMMIT_DELAY)).isEqualTo("MEDALLION_SINK_HEALTH_MAX_COMMIT_DELAY");
    }
}
