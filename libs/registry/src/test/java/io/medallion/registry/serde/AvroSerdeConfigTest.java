package io.medallion.registry.serde;

import io.medallion.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AvroSerdeConfigTest {

    @Test
    void confluentsDefaults() {
        AvroSerdeConfig config = AvroSerdeConfig.from(Map.of());
        assertThat(config.autoRegisterSchemas()).isTrue();
        assertThat(config.useLatestVersion()).isFalse();
        assertThat(config.specificAvroReader()).isFalse();
        assertThat(config.latestCacheTtl()).isEmpty();
        assertThat(config.useLogicalTypeConverters()).isTrue();
    }

    @Test
    void valuesAsStringsOrBooleans() {
        AvroSerdeConfig config = AvroSerdeConfig.from(Map.of(
                AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false,
                AvroSerdeConfig.USE_LATEST_VERSION, "true",
                AvroSerdeConfig.SPECIFIC_AVRO_READER, "TRUE",
                AvroSerdeConfig.LATEST_CACHE_TTL_SEC, 30));
        assertThat(config.autoRegisterSchemas()).isFalse();
        assertThat(config.useLatestVersion()).isTrue();
        assertThat(config.specificAvroReader()).isTrue();
        assertThat(config.latestCacheTtl()).contains(Duration.ofSeconds(30));
    }

    @Test
    void aBadValueNamesItsKey() {
        assertThatThrownBy(() -> AvroSerdeConfig.from(Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "sometimes")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS));
        assertThatThrownBy(() -> AvroSerdeConfig.from(Map.of(AvroSerdeConfig.LATEST_CACHE_TTL_SEC, "-5")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo(AvroSerdeConfig.LATEST_CACHE_TTL_SEC));
    }
}
