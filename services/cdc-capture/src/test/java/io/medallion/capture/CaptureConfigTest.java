package io.medallion.capture;

import io.medallion.common.config.ConfigException;
import io.medallion.common.config.Settings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CaptureConfigTest {

    private static Map<String, String> minimal() {
        Map<String, String> m = new HashMap<>();
        m.put("medallion.capture.database.name", "shop");
        m.put("medallion.capture.database.user", "capture");
        m.put("medallion.capture.kafka.bootstrap-servers", "localhost:9092");
        m.put("medallion.capture.registry.url", "http://localhost:8081");
        return m;
    }

    private static CaptureConfig config(Map<String, String> m) {
        return CaptureConfig.from(Settings.of(m));
    }

    @Test
    void defaultsFollowTheContract() {
        CaptureConfig c = config(minimal());
        assertThat(c.database().jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/shop");
        assertThat(c.slot()).isEqualTo("medallion");
        assertThat(c.publication()).isEqualTo("medallion");
        assertThat(c.topicPrefix()).isEqualTo("cdc");
        assertThat(c.tables()).contains("shop.web_events", "shop.orders").doesNotContain("shop.capture_heartbeat").hasSize(11);
        assertThat(c.topicFor("shop.orders")).isEqualTo("cdc.shop.orders");
        assertThat(c.heartbeatTopic()).isEqualTo("__debezium-heartbeat.cdc");
        assertThat(c.offsetsTopic()).isEqualTo("medallion.capture.offsets");
        assertThat(c.heartbeatInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.snapshotMode()).isEqualTo(CaptureConfig.SnapshotMode.INITIAL);
    }

    @Test
    void jdbcUrlGivesHostPortAndDatabase() {
        Map<String, String> m = minimal();
        m.remove("medallion.capture.database.name");
        m.put("medallion.capture.database.jdbc-url", "jdbc:postgresql://db.internal:6543/orders?sslmode=require");
        CaptureConfig.Database d = config(m).database();
        assertThat(d.host()).isEqualTo("db.internal");
        assertThat(d.port()).isEqualTo(6543);
        assertThat(d.name()).isEqualTo("orders");
        assertThat(d.hostKey()).isEqualTo(CaptureConfig.JDBC_URL);
    }

    @Test
    void passwordIsNotPrinted() {
        Map<String, String> m = minimal();
        m.put("medallion.capture.database.password", "s3cret");
        assertThat(config(m).database().toString()).doesNotContain("s3cret");
    }

    @Test
    void extraProducerAndDebeziumPropertiesPassThrough() {
        Map<String, String> m = minimal();
        m.put("medallion.capture.producer.linger.ms", "20");
        m.put("medallion.capture.debezium.max.queue.size", "16384");
        CaptureConfig c = config(m);
        assertThat(c.producer()).containsEntry("linger.ms", "20");
        assertThat(c.debezium()).containsEntry("max.queue.size", "16384");
    }

    @Test
    void badValuesNameTheirKey() {
        assertBad("medallion.capture.database.jdbc-url", "mysql://x/y");
        assertBad("medallion.capture.database.port", "70000");
        assertBad("medallion.capture.slot", "Bad-Slot");
        assertBad("medallion.capture.tables", "orders");
        assertBad("medallion.capture.topic-prefix", "cdc.x");
        assertBad("medallion.capture.snapshot-mode", "sometimes");
        assertBad("medallion.capture.heartbeat-interval", "soon");
        assertBad("medallion.capture.registry.url", "ftp://x");
        assertBad("medallion.capture.max-batch-size", "0");
    }

    @Test
    void requiredKeysAreNamed() {
        for (String key : new String[]{"medallion.capture.database.user", "medallion.capture.database.name",
                "medallion.capture.kafka.bootstrap-servers", "medallion.capture.registry.url"}) {
            Map<String, String> m = minimal();
            m.remove(key);
            assertThatThrownBy(() -> config(m)).isInstanceOf(ConfigException.class)
                    .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(key));
        }
    }

    private static void assertBad(String key, String value) {
        Map<String, String> m = minimal();
        m.put(key, value);
        assertThatThrownBy(() -> config(m)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(key));
    }
}
