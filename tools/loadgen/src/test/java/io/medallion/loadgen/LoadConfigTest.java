package io.medallion.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medallion.common.config.ConfigException;
import io.medallion.common.config.Settings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadConfigTest {

    private static final String URL = "jdbc:postgresql://localhost:5432/shop";

    private static LoadConfig config(String... keyValues) {
        Map<String, String> m = new HashMap<>(Map.of(LoadConfig.JDBC_URL, URL));
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return LoadConfig.from(Settings.of(m));
    }

    private static void assertRejected(String key, String value, String expectedKey) {
        assertThatThrownBy(() -> config(key, value))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(expectedKey));
    }

    @Test
    void defaultsDescribeAModestMixedLoad() {
        LoadConfig c = config();
        assertThat(c.database().jdbcUrl()).isEqualTo(URL);
        assertThat(c.database().user()).isEqualTo("postgres");
        assertThat(c.rate()).isEqualTo(1000);
        assertThat(c.duration()).isZero();
        assertThat(c.inventoryShare()).isEqualTo(0.2);
        assertThat(c.outOfOrderSpread()).isLessThan(Duration.ofSeconds(15));
        assertThat(c.latenessMin()).isGreaterThan(Duration.ofSeconds(15));
        assertThat(c.inventoryRate() + c.clickstreamLaneRate() * c.clickstreamLanes()).isEqualTo(1000.0);
    }

    @Test
    void readsEveryKey() {
        LoadConfig c = config(LoadConfig.RATE, "250", LoadConfig.DURATION, "90s", LoadConfig.SEED, "-3",
                LoadConfig.INVENTORY_SHARE, "0.5", LoadConfig.DUPLICATE_SHARE, "0.1", LoadConfig.LATE_SHARE, "0.02",
                LoadConfig.OUT_OF_ORDER_SPREAD, "5s", LoadConfig.LATENESS_MIN, "20s", LoadConfig.LATENESS_MAX, "40s",
                LoadConfig.CLICKSTREAM_LANES, "3", LoadConfig.USERS, "10", LoadConfig.INSTALL_SCHEMA, "false");
        assertThat(c.rate()).isEqualTo(250);
        assertThat(c.duration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.seed()).isEqualTo(-3);
        assertThat(c.inventoryShare()).isEqualTo(0.5);
        assertThat(c.duplicateShare()).isEqualTo(0.1);
        assertThat(c.lateShare()).isEqualTo(0.02);
        assertThat(c.outOfOrderSpread()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.latenessMin()).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.latenessMax()).isEqualTo(Duration.ofSeconds(40));
        assertThat(c.clickstreamLanes()).isEqualTo(3);
        assertThat(c.users()).isEqualTo(10);
        assertThat(c.installSchema()).isFalse();
    }

    @Test
    void badValuesNameTheirKey() {
        assertRejected(LoadConfig.RATE, "-1", LoadConfig.RATE);
        assertRejected(LoadConfig.RATE, "fast", LoadConfig.RATE);
        assertRejected(LoadConfig.DUPLICATE_SHARE, "1.5", LoadConfig.DUPLICATE_SHARE);
        assertRejected(LoadConfig.INVENTORY_SHARE, "a lot", LoadConfig.INVENTORY_SHARE);
        assertRejected(LoadConfig.OUT_OF_ORDER_SHARE, "0.99", LoadConfig.INVALID_SHARE);
        assertRejected(LoadConfig.LATENESS_MIN, "10s", LoadConfig.LATENESS_MIN);
        assertRejected(LoadConfig.LATENESS_MAX, "20s", LoadConfig.LATENESS_MAX);
        assertRejected(LoadConfig.TICK, "1ms", LoadConfig.TICK);
        assertRejected(LoadConfig.JDBC_URL, "jdbc:mysql://localhost/shop", LoadConfig.JDBC_URL);
        assertThatThrownBy(() -> LoadConfig.from(Settings.empty()))
                .isInstanceOf(ConfigException.class).hasMessageContaining(LoadConfig.JDBC_URL);
    }
}
