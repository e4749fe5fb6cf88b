package io.medallion.sink;

import io.medallion.common.config.ConfigException;
import io.medallion.common.config.Settings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SinkConfigTest {

    private static Map<String, String> minimal() {
        Map<String, String> m = new HashMap<>();
        m.put("medallion.sink.table-root", "file:/tmp/lake");
        m.put("medallion.sink.bootstrap-servers", "localhost:9092");
        m.put("medallion.sink.registry-url", "mock://sink-config-test");
        return m;
    }

    private static SinkConfig config(Map<String, String> m) {
        return SinkConfig.from(Settings.of(m));
    }

    @Test
    void defaults_give_a_bronze_sink_visible_within_two_seconds() {
        SinkConfig c = config(minimal());

        assertThat(c.layer()).isEqualTo(Layer.BRONZE);
        assertThat(c.groupId()).isEqualTo("medallion-sink-bronze");
        assertThat(c.serviceName()).isEqualTo("bronze-writer[bronze]");
        assertThat(c.flush().maxLatency()).isLessThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(c.owns("cdc.shop.orders")).isTrue();
        assertThat(c.owns("__debezium-heartbeat.cdc")).isFalse();
        assertThat(c.owns("cdc.other.orders")).isFalse();
        assertThat(c.storage().maintenance().vacuumRetention()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void the_layer_picks_its_topic_family_and_group() {
        Map<String, String> m = minimal();
        m.put("medallion.sink.layer", "silver");

        SinkConfig c = config(m);

        assertThat(c.groupId()).isEqualTo("medallion-sink-silver");
        assertThat(c.owns("silver.orders")).isTrue();
        assertThat(c.owns("cdc.shop.orders")).isFalse();
    }

    @Test
    void the_environment_overrides_a_setting() {
        SinkConfig c = SinkConfig.fromEnvironment(Settings.of(minimal()), Map.of("MEDALLION_SINK_FLUSH_MAX_RECORDS", "42"));

        assertThat(c.flush().maxRecords()).isEqualTo(42);
    }

    @Test
    void bad_values_name_their_key() {
        assertKey(Map.of("medallion.sink.layer", "platinum"), "medallion.sink.layer");
        assertKey(Map.of("medallion.sink.flush.max-records", "0"), "medallion.sink.flush.max-records");
        assertKey(Map.of("medallion.sink.flush.max-latency", "soon"), "medallion.sink.flush.max-latency");
        assertKey(Map.of("medallion.sink.topic-pattern", "cdc\\.(shop"), "medallion.sink.topic-pattern");
        assertKey(Map.of("medallion.sink.topics", "silver.orders"), "medallion.sink.topics");
        assertKey(Map.of("medallion.sink.topics", "__debezium-heartbeat.cdc"), "medallion.sink.topics");
        assertKey(Map.of("medallion.sink.parquet.compression", "rar"), "medallion.sink.parquet.compression");
        assertKey(Map.of("medallion.sink.maintenance.vacuum-retention", "10m"), "medallion.sink.maintenance.vacuum-retention");
        assertKey(Map.of("medallion.sink.table-root", "ftp://host/lake"), "medallion.sink.table-root");
        assertKey(Map.of("medallion.sink.table-root", "/no/scheme"), "medallion.sink.table-root");
    }

    @Test
    void missing_required_settings_name_their_key() {
        Map<String, String> m = minimal();
        m.remove("medallion.sink.registry-url");
        assertThatThrownBy(() -> config(m)).isInstanceOf(ConfigException.class)
                .extracting(e -> ((ConfigException) e).key()).isEqualTo("medallion.sink.registry-url");
        Map<String, String> n = minimal();
        n.remove("medallion.sink.bootstrap-servers");
        assertThatThrownBy(() -> config(n)).isInstanceOf(ConfigException.class)
                .extracting(e -> ((ConfigException) e).key()).isEqualTo("medallion.sink.bootstrap-servers");
    }

    @Test
    void plain_s3_is_refused_for_several_writers_naming_the_log_store_setting() {
        Map<String, String> m = minimal();
        m.put("medallion.sink.table-root", "s3a://bucket/lake");

        assertThatThrownBy(() -> config(m)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("medallion.sink.hadoop.delta.logStore.s3a.impl")
                .hasMessageContaining("S3DynamoDBLogStore");

        m.put("medallion.sink.hadoop.delta.logStore.s3a.impl", "io.delta.storage.S3DynamoDBLogStore");
        assertThat(config(m).storage().hadoop()).containsEntry("delta.logStore.s3a.impl", "io.delta.storage.S3DynamoDBLogStore");

        Map<String, String> single = minimal();
        single.put("medallion.sink.table-root", "s3a://bucket/lake");
        single.put("medallion.sink.single-writer", "true");
        assertThat(config(single).tableRoot().getScheme()).isEqualTo("s3a");
    }

    @Test
    void abfss_and_gs_roots_are_accepted() {
        Map<String, String> m = minimal();
        m.put("medallion.sink.table-root", "abfss://lake@account.dfs.core.windows.net/medallion");
        assertThat(config(m).tableRoot().getScheme()).isEqualTo("abfss");
        m.put("medallion.sink.table-root", "gs://bucket/medallion");
        assertThat(config(m).tableRoot().getScheme()).isEqualTo("gs");
    }

    private static void assertKey(Map<String, String> overrides, String key) {
        Map<String, String> m = minimal();
        m.putAll(overrides);
        assertThatThrownBy(() -> config(m)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Invalid setting '" + key + "'")
                .extracting(e -> ((ConfigException) e).key()).isEqualTo(key);
    }
    @Test
    void a_crashed_instance_releases_its_partitions_after_ten_seconds_unless_overridden() {
        assertThat(SinkService.consumerProperties(config(minimal())))
                .containsEntry("session.timeout.ms", 10_000).containsEntry("isolation.level", "read_committed");
        Map<String, String> m = minimal();
        m.put("medallion.sink.kafka.session.timeout.ms", "30000");
        assertThat(SinkService.consumerProperties(config(m))).containsEntry("session.timeout.ms", "30000");
    }
}
