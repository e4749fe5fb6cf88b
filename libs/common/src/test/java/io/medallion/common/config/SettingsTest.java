package io.medallion.common.config;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {

    enum Layer { BRONZE, SILVER, GOLD }

    private final Settings settings = Settings.of(Map.of(
            "a.count", "42",
            "a.bad-count", "forty",
            "a.grace", "15s",
            "a.layer", "silver",
            "a.root", "file:/tmp/lake",
            "a.topics", "x, y,,z",
            "a.flag", "maybe",
            "kafka.bootstrap.servers", "localhost:9092"));

    @Test
    void readsTypedValues() {
        assertThat(settings.intValue("a.count", 1, 0, 100)).isEqualTo(42);
        assertThat(settings.intValue("a.missing", 7, 0, 100)).isEqualTo(7);
        assertThat(settings.duration("a.grace", Duration.ZERO, Duration.ZERO, Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.enumValue("a.layer", Layer.class)).isEqualTo(Layer.SILVER);
        assertThat(settings.uri("a.root")).isEqualTo(URI.create("file:/tmp/lake"));
        assertThat(settings.list("a.topics", List.of())).containsExactly("x", "y", "z");
        assertThat(settings.under("kafka")).containsEntry("bootstrap.servers", "localhost:9092").hasSize(1);
    }

    @Test
    void everyErrorNamesTheKey() {
        assertThatThrownBy(() -> settings.intValue("a.bad-count", 1, 0, 100))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'a.bad-count'").hasMessageContaining("forty");
        assertThatThrownBy(() -> settings.intValue("a.count", 1, 0, 10))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'a.count'").hasMessageContaining("between 0 and 10");
        assertThatThrownBy(() -> settings.string("a.required"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'a.required'").hasMessageContaining("required");
        assertThatThrownBy(() -> settings.enumValue("a.count", Layer.class))
                .isInstanceOf(ConfigException.class).hasMessageContaining("[bronze, silver, gold]");
        assertThatThrownBy(() -> settings.bool("a.flag", false))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'a.flag'");
        assertThatThrownBy(() -> settings.duration("a.layer", Duration.ZERO, Duration.ZERO, Duration.ofHours(1)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'a.layer'");
        assertThatThrownBy(() -> Settings.of(Map.of("r", "no-scheme")).uri("r"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("scheme");
        ConfigException e = (ConfigException) org.assertj.core.api.Assertions.catchThrowable(() -> settings.string("a.required"));
        assertThat(e.key()).isEqualTo("a.required");
    }

    @Test
    void environmentVariablesOverrideDeclaredKeys() {
        Settings merged = settings.withEnvironment(
                Map.of("A_COUNT", "9", "A_UNDECLARED", "x"), List.of("a.count", "a.grace"));
        assertThat(merged.intValue("a.count", 1, 0, 100)).isEqualTo(9);
        assertThat(merged.optional("a.undeclared")).isEmpty();
        assertThat(Settings.envName("medallion.sink.flush.max-records")).isEqualTo("MEDALLION_SINK_FLUSH_MAX_RECORDS");
    }

    @Test
    void durationsAcceptCommonUnits() {
        assertThat(Settings.parseDuration("k", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Settings.parseDuration("k", "250")).isEqualTo(Duration.ofMillis(250));
        assertThat(Settings.parseDuration("k", "5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Settings.parseDuration("k", "1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Settings.parseDuration("k", "7d")).isEqualTo(Duration.ofDays(7));
    }
}
