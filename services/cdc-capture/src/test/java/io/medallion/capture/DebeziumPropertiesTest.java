package io.medallion.capture;

import io.medallion.common.config.Settings;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class DebeziumPropertiesTest {

    private static Properties props(Map<String, String> extra) {
        Map<String, String> m = new HashMap<>(Map.of(
                "medallion.capture.database.name", "shop",
                "medallion.capture.database.user", "capture",
                "medallion.capture.kafka.bootstrap-servers", "localhost:9092",
                "medallion.capture.registry.url", "http://localhost:8081"));
        m.putAll(extra);
        return DebeziumProperties.of(CaptureConfig.from(Settings.of(m)));
    }

    @Test
    void includeListMatchesExactlyTheConfiguredTables() {
        String list = props(Map.of("medallion.capture.tables", "shop.orders,shop.web_events")).getProperty("table.include.list");
        Pattern[] patterns = java.util.Arrays.stream(list.split(",")).map(Pattern::compile).toArray(Pattern[]::new);
        assertThat(patterns).anyMatch(p -> p.matcher("shop.orders").matches());
        assertThat(patterns).anyMatch(p -> p.matcher("shop.web_events").matches());
        assertThat(patterns).noneMatch(p -> p.matcher("shopXorders").matches());
        assertThat(patterns).noneMatch(p -> p.matcher("shop.capture_heartbeat").matches());
    }

    @Test
    void contractAndDeliverySettingsCannotBeOverridden() {
        Properties p = props(Map.of(
                "medallion.capture.debezium.decimal.handling.mode", "double",
                "medallion.capture.debezium.tombstones.on.delete", "true",
                "medallion.capture.debezium.poll.interval.ms", "200"));
        assertThat(p.getProperty("decimal.handling.mode")).isEqualTo("precise");
        assertThat(p.getProperty("time.precision.mode")).isEqualTo("adaptive_time_microseconds");
        assertThat(p.getProperty("tombstones.on.delete")).isEqualTo("false");
        assertThat(p.getProperty("poll.interval.ms")).isEqualTo("200");
        assertThat(props(Map.of()).getProperty("poll.interval.ms")).as("short batch wait by default").isEqualTo("50");
    }

    @Test
    void offsetsLiveInKafkaAndThePublicationIsNeverAltered() {
        Properties p = props(Map.of("medallion.capture.offsets-topic", "ops.offsets"));
        assertThat(p.getProperty("offset.storage")).isEqualTo("org.apache.kafka.connect.storage.KafkaOffsetBackingStore");
        assertThat(p.getProperty("offset.storage.topic")).isEqualTo("ops.offsets");
        assertThat(p.getProperty("publication.autocreate.mode")).isEqualTo("disabled");
        assertThat(p.getProperty("plugin.name")).isEqualTo("pgoutput");
        assertThat(p.getProperty("heartbeat.action.query")).contains("shop.capture_heartbeat");
    }
}
