package io.medallion.silver;

import io.medallion.common.config.ConfigException;
import io.medallion.common.config.Settings;
import io.medallion.silver.errors.DeadLetterDeserializationHandler;
import io.medallion.silver.errors.DeadLetterRouter;
import io.medallion.silver.metrics.SilverMetrics;
import io.medallion.silver.pii.HmacKey;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SilverConfigTest {

    private static final String KEY = "0123456789abcdef0123456789abcdef";

    private static Map<String, String> minimal() {
        Map<String, String> m = new HashMap<>();
        m.put(SilverConfig.BOOTSTRAP_SERVERS, "localhost:9092");
        m.put(SilverConfig.SCHEMA_REGISTRY_URL, "http://registry:8081");
        m.put(SilverConfig.HMAC_KEY, KEY);
        return m;
    }

    private static SilverConfig config(Map<String, String> m) {
        return SilverConfig.from(Settings.of(m));
    }

    private static void assertRejected(Map<String, String> m, String key) {
        assertThatThrownBy(() -> config(m)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(key))
                .hasMessageStartingWith("Invalid setting '" + key + "'");
    }

    @Test
    void defaults() {
        SilverConfig c = config(minimal());

        assertThat(c.applicationId()).isEqualTo("medallion-silver-enricher");
        assertThat(c.streamThreads()).isEqualTo(1);
        assertThat(c.commitInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(c.dedupRetention()).isEqualTo(Duration.ofHours(1));
        assertThat(c.maxFutureSkew()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.topics()).isEqualTo(new SilverConfig.TopicSetup(true, 1, (short) 1));
        assertThat(c.hmacKey().isDevelopment()).isFalse();
    }

    @Test
    void readsEverySetting() {
        Map<String, String> m = minimal();
        m.put(SilverConfig.APPLICATION_ID, "silver-test");
        m.put(SilverConfig.STREAM_THREADS, "3");
        m.put(SilverConfig.COMMIT_INTERVAL, "250ms");
        m.put(SilverConfig.DEDUP_RETENTION, "30m");
        m.put(SilverConfig.MAX_FUTURE_SKEW, "2m");
        m.put(SilverConfig.TOPICS_PARTITIONS, "6");
        m.put(SilverConfig.TOPICS_CREATE_MISSING, "false");
        m.put("medallion.silver.streams.num.standby.replicas", "1");

        SilverConfig c = config(m);

        assertThat(c.applicationId()).isEqualTo("silver-test");
        assertThat(c.streamThreads()).isEqualTo(3);
        assertThat(c.commitInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.dedupRetention()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.maxFutureSkew()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.topics()).isEqualTo(new SilverConfig.TopicSetup(false, 6, (short) 1));
        assertThat(c.streamsOverrides()).containsEntry("num.standby.replicas", "1");
    }

    @Test
    void streamsRunExactlyOnceWithTheDeadLetteringHandlersAndExplicitNames() {
        DeadLetterRouter router = new DeadLetterRouter("silver-enricher", "silver.dead_letters", new StringSerializer(),
                (topic, letter) -> new byte[0], Set.of(), new SilverMetrics(new SimpleMeterRegistry()), Clock.systemUTC());

        Properties p = config(minimal()).streamsProperties(router);

        assertThat(p).containsEntry(DeadLetterRouter.CONFIG_KEY, router).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class)
                .containsEntry(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true)
                .containsKeys(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG);
    }

    @Test
    void theStreamsClientsRecoverQuicklyUnlessOverridden() {
        DeadLetterRouter router = new DeadLetterRouter("silver-enricher", "silver.dead_letters", new StringSerializer(),
                (topic, letter) -> new byte[0], Set.of(), new SilverMetrics(new SimpleMeterRegistry()), Clock.systemUTC());
        assertThat(config(minimal()).streamsProperties(router)).containsEntry("producer.retry.backoff.ms", "10")
                .containsEntry("main.consumer.session.timeout.ms", "10000");

        Map<String, String> m = minimal();
        m.put("medallion.silver.streams.producer.retry.backoff.ms", "50");
        m.put("medallion.silver.streams.main.consumer.session.timeout.ms", "30000");
        assertThat(config(m).streamsProperties(router)).containsEntry("producer.retry.backoff.ms", "50")
                .containsEntry("main.consumer.session.timeout.ms", "30000");
    }

    @Test
    void theProcessingGuaranteeCannotBeOverridden() {
        Map<String, String> m = minimal();
        m.put("medallion.silver.streams.processing.guarantee", "at_least_once");
        assertRejected(m, "medallion.silver.streams.processing.guarantee");
    }

    @Test
    void badValuesNameTheirKey() {
        for (Map.Entry<String, String> bad : Map.of(
                SilverConfig.STREAM_THREADS, "0",
                SilverConfig.COMMIT_INTERVAL, "soon",
                SilverConfig.DEDUP_RETENTION, "10s",
                SilverConfig.TOPICS_CREATE_MISSING, "maybe",
                SilverConfig.SCHEMA_REGISTRY_URL, "registry:8081 with spaces").entrySet()) {
            Map<String, String> m = minimal();
            m.put(bad.getKey(), bad.getValue());
            assertRejected(m, bad.getKey());
        }
    }

    @Test
    void requiredSettingsNameTheirKey() {
        for (String key : new String[] {SilverConfig.BOOTSTRAP_SERVERS, SilverConfig.SCHEMA_REGISTRY_URL}) {
            Map<String, String> m = minimal();
            m.remove(key);
            assertRejected(m, key);
        }
    }

    @Test
    void withoutAPiiKeyTheServiceRefusesToStartOutsideTheLocalProfile() {
        Map<String, String> m = minimal();
        m.remove(SilverConfig.HMAC_KEY);
        assertRejected(m, SilverConfig.HMAC_KEY);

        m.put(SilverConfig.PROFILE, "production");
        assertRejected(m, SilverConfig.HMAC_KEY);
    }

    @Test
    void theLocalProfileFallsBackToTheDevelopmentKey() {
        Map<String, String> m = minimal();
        m.remove(SilverConfig.HMAC_KEY);
        m.put(SilverConfig.PROFILE, "local");

        assertThat(config(m).hmacKey().isDevelopment()).isTrue();
    }

    @Test
    void aShortKeyIsRefusedWithoutPrintingIt() {
        Map<String, String> m = minimal();
        m.put(SilverConfig.HMAC_KEY, "short-secret");

        assertRejected(m, SilverConfig.HMAC_KEY);
        assertThatThrownBy(() -> config(m)).hasMessageNotContaining("short-secret").hasMessageContaining("at least 32 bytes");
    }

    @Test
    void theKeyCanComeFromAMountedSecretFile(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("hmac-key");
        Files.writeString(secret, KEY + "\n");
        Map<String, String> m = minimal();
        m.remove(SilverConfig.HMAC_KEY);
        m.put(SilverConfig.HMAC_KEY_FILE, secret.toString());

        assertThat(config(m).hmacKey()).isEqualTo(HmacKey.of(KEY));

        m.put(SilverConfig.HMAC_KEY_FILE, dir.resolve("missing").toString());
        assertRejected(m, SilverConfig.HMAC_KEY_FILE);
    }

    @Test
    void aKeyAndAKeyFileTogetherAreAmbiguous(@TempDir Path dir) {
        Map<String, String> m = minimal();
        m.put(SilverConfig.HMAC_KEY_FILE, dir.resolve("hmac-key").toString());
        assertRejected(m, SilverConfig.HMAC_KEY);
    }
}
