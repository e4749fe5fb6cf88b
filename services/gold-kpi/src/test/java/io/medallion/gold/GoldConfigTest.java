package io.medallion.gold;

import io.medallion.common.config.ConfigException;
import io.medallion.common.config.Settings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GoldConfigTest {

    private static Settings settings(String... keyValues) {
        Map<String, String> map = new HashMap<>();
        map.put(GoldConfig.BOOTSTRAP_SERVERS, "localhost:9092");
        map.put(GoldConfig.SCHEMA_REGISTRY_URL, "mock://gold-config-test");
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return Settings.of(map);
    }

    private static void assertRejected(String key, String value, String problem) {
        assertThatThrownBy(() -> GoldConfig.from(settings(key, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Invalid setting '" + key + "'")
                .hasMessageContaining(problem)
                .extracting(e -> ((ConfigException) e).key()).isEqualTo(key);
    }

    @Test
    void defaultsFollowDesignSection6() {
        GoldConfig config = GoldConfig.from(settings());
        assertThat(config.windows().size()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.windows().grace()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.partitions()).isEqualTo(4);
        assertThat(config.watermarkInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.applicationId()).isEqualTo("medallion-gold-kpi");
        assertThat(config.streamThreads()).isEqualTo(1);
        assertThat(config.replicationFactor()).isEqualTo(-1);
        assertThat(config.createTopics()).isTrue();
        assertThat(config.streamsOverrides()).isEmpty();
    }

    @Test
    void readsEverySetting() {
        GoldConfig config = GoldConfig.from(settings(
                GoldConfig.WINDOW_SIZE, "5m", GoldConfig.GRACE, "30s", GoldConfig.PARTITIONS, "12",
                GoldConfig.WATERMARK_INTERVAL, "250ms", GoldConfig.APPLICATION_ID, "gold-b",
                GoldConfig.STATE_DIR, "/var/lib/gold", GoldConfig.STREAM_THREADS, "2",
                GoldConfig.COMMIT_INTERVAL, "200ms", GoldConfig.REPLICATION_FACTOR, "3",
                GoldConfig.CREATE_TOPICS, "false", GoldConfig.STARTUP_TIMEOUT, "2m",
                "medallion.gold.streams.security.protocol", "SSL"));
        assertThat(config.windows().size()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.windows().grace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.partitions()).isEqualTo(12);
        assertThat(config.watermarkInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.applicationId()).isEqualTo("gold-b");
        assertThat(config.stateDir()).isEqualTo(Path.of("/var/lib/gold"));
        assertThat(config.streamThreads()).isEqualTo(2);
        assertThat(config.commitInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(config.replicationFactor()).isEqualTo(3);
        assertThat(config.createTopics()).isFalse();
        assertThat(config.startupTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.streamsOverrides()).containsExactly(Map.entry("security.protocol", "SSL"));
    }

    @Test
    void aBadSettingIsNamed() {
        assertRejected(GoldConfig.WINDOW_SIZE, "7m", "divide one day");
        assertRejected(GoldConfig.WINDOW_SIZE, "500ms", "between");
        assertRejected(GoldConfig.GRACE, "soon", "duration");
        assertRejected(GoldConfig.PARTITIONS, "0", "between 1 and 1024");
        assertRejected(GoldConfig.WATERMARK_INTERVAL, "2m", "between");
        assertRejected(GoldConfig.REPLICATION_FACTOR, "0", "broker default");
        assertRejected(GoldConfig.STREAM_THREADS, "many", "whole number");
        assertRejected(GoldConfig.CREATE_TOPICS, "perhaps", "true or false");
        assertRejected("medallion.gold.streams.processing.guarantee", "at_least_once", "set by gold-kpi itself");
    }

    @Test
    void brokerAndRegistryAreRequired() {
        assertThatThrownBy(() -> GoldConfig.from(Settings.of(Map.of(GoldConfig.SCHEMA_REGISTRY_URL, "mock://x"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining(GoldConfig.BOOTSTRAP_SERVERS);
        assertThatThrownBy(() -> GoldConfig.from(Settings.of(Map.of(GoldConfig.BOOTSTRAP_SERVERS, "localhost:9092"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining(GoldConfig.SCHEMA_REGISTRY_URL);
    }

    @Test
    void environmentVariablesOverrideEveryKey() {
        Settings env = settings().withEnvironment(Map.of("MEDALLION_GOLD_GRACE", "20s", "MEDALLION_GOLD_PARTITIONS", "2"), GoldConfig.KEYS);
        GoldConfig config = GoldConfig.from(env);
        assertThat(config.windows().grace()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.partitions()).isEqualTo(2);
    }
}
