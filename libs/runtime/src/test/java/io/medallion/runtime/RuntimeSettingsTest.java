package io.medallion.runtime;

import io.medallion.common.config.ConfigException;
import io.medallion.common.config.Settings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuntimeSettingsTest {

    @Test
    void defaults() {
        RuntimeSettings s = RuntimeSettings.from(Settings.empty());

        assertThat(s.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.standalone()).isFalse();
        assertThat(s.serviceStopBudget()).isEqualTo(Duration.ofSeconds(24));
    }

    @Test
    void aBadShutdownTimeoutNamesTheSetting() {
        assertThatThrownBy(() -> RuntimeSettings.from(Settings.of(Map.of(RuntimeSettings.SHUTDOWN_TIMEOUT, "soon"))))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("medallion.shutdown-timeout"));
        assertThat(Settings.envName(RuntimeSettings.SHUTDOWN_TIMEOUT)).isEqualTo("MEDALLION_SHUTDOWN_TIMEOUT");
    }
}
