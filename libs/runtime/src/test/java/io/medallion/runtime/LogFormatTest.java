package io.medallion.runtime;

import io.medallion.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogFormatTest {

    @Test
    void jsonUnlessAskedOtherwise() {
        assertThat(LogFormat.resolve(Map.of(), Map.of())).isEqualTo(LogFormat.JSON);
        assertThat(LogFormat.resolve(Map.of(LogFormat.ENV, " "), Map.of())).isEqualTo(LogFormat.JSON);
    }

    @Test
    void theEnvironmentVariableSwitchesToPlainText() {
        assertThat(LogFormat.resolve(Map.of(LogFormat.ENV, "PLAIN"), Map.of())).isEqualTo(LogFormat.PLAIN);
        assertThat(LogFormat.PLAIN.appender()).isEqualTo("plain");
    }

    @Test
    void theSystemPropertyWins() {
        assertThat(LogFormat.resolve(Map.of(LogFormat.ENV, "plain"), Map.of(LogFormat.PROPERTY, "json"))).isEqualTo(LogFormat.JSON);
    }

    @Test
    void anUnknownFormatNamesTheSetting() {
        assertThatThrownBy(() -> LogFormat.resolve(Map.of(LogFormat.ENV, "xml"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'medallion.log.format'").hasMessageContaining("'xml'");
    }
}
