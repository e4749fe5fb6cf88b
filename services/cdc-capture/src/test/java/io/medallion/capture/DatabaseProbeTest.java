package io.medallion.capture;

import io.medallion.common.config.ConfigException;
import io.medallion.common.config.Settings;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseProbeTest {

    private static CaptureConfig config(Map<String, String> extra) {
        Map<String, String> m = new HashMap<>(Map.of(
                "medallion.capture.database.name", "shop",
                "medallion.capture.database.user", "capture",
                "medallion.capture.kafka.bootstrap-servers", "localhost:9092",
                "medallion.capture.registry.url", "http://localhost:8081"));
        m.putAll(extra);
        return CaptureConfig.from(Settings.of(m));
    }

    @Test
    void blamesTheSettingBehindEachFailure() {
        CaptureConfig c = config(Map.of());
        assertThat(key(new SQLException("password authentication failed", "28P01"), c)).isEqualTo(CaptureConfig.PASSWORD);
        assertThat(key(new SQLException("role \"capture\" does not exist", "28000"), c)).isEqualTo(CaptureConfig.USER);
        assertThat(key(new SQLException("database \"shop\" does not exist", "3D000"), c)).isEqualTo(CaptureConfig.NAME);
        assertThat(key(new SQLException("Connection refused", "08001"), c)).isEqualTo(CaptureConfig.HOST);
    }

    @Test
    void blamesTheJdbcUrlWhenOneWasGiven() {
        CaptureConfig c = config(Map.of("medallion.capture.database.jdbc-url", "jdbc:postgresql://db:5432/shop"));
        assertThat(key(new SQLException("database \"shop\" does not exist", "3D000"), c)).isEqualTo(CaptureConfig.JDBC_URL);
        assertThat(key(new SQLException("Connection refused", "08001"), c)).isEqualTo(CaptureConfig.JDBC_URL);
    }

    private static String key(SQLException e, CaptureConfig c) {
        ConfigException ce = DatabaseProbe.classify(e, c);
        assertThat(ce.getMessage()).startsWith("Invalid setting '" + ce.key() + "'");
        return ce.key();
    }
}
