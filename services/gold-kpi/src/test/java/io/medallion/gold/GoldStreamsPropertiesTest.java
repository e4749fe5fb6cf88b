package io.medallion.gold;

import io.medallion.common.config.Settings;
import io.medallion.gold.errors.DeadLetterHandlers;
import io.medallion.gold.errors.DeadLetterPublisher;
import io.medallion.gold.metrics.GoldMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class GoldStreamsPropertiesTest {

    private final DeadLetterPublisher publisher = new DeadLetterPublisher("gold-kpi", "gold.dead_letters",
            new StringSerializer(), (topic, letter) -> new byte[0], new GoldMetrics(new SimpleMeterRegistry()), Clock.systemUTC());

    private Properties properties(String... keyValues) {
        Map<String, String> settings = new HashMap<>(Map.of(
                GoldConfig.BOOTSTRAP_SERVERS, "broker:9092", GoldConfig.SCHEMA_REGISTRY_URL, "mock://p",
                GoldConfig.STATE_DIR, "/var/lib/gold", GoldConfig.STREAM_THREADS, "2"));
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put(keyValues[i], keyValues[i + 1]);
        }
        return GoldStreamsProperties.of(GoldConfig.from(Settings.of(settings)), publisher);
    }

    @Test
    void exactlyOnceWithTheDeadLetterHandlersAndTypedSettings() {
        Properties p = properties();
        assertThat(p).containsEntry("processing.guarantee", "exactly_once_v2")
                .containsEntry("application.id", "medallion-gold-kpi")
                .containsEntry("bootstrap.servers", "broker:9092")
                .containsEntry("state.dir", "/var/lib/gold")
                .containsEntry("num.stream.threads", 2)
                .containsEntry("commit.interval.ms", 100L)
                .containsEntry("deserialization.exception.handler", DeadLetterHandlers.Deserialization.class)
                .containsEntry("processing.exception.handler", DeadLetterHandlers.Processing.class)
                .containsEntry("production.exception.handler", DeadLetterHandlers.Production.class)
                .containsEntry(DeadLetterPublisher.CONFIG_KEY, publisher)
                .doesNotContainKey("replication.factor");
    }

    @Test
    void streamsOverridesPassThroughAndMayRetuneTheProducerBackoff() {
        Properties p = properties("medallion.gold.streams.security.protocol", "SSL",
                GoldConfig.REPLICATION_FACTOR, "3");
        assertThat(p).containsEntry("security.protocol", "SSL")
                .containsEntry("replication.factor", 3)
                .containsEntry("producer.retry.backoff.ms", GoldStreamsProperties.PRODUCER_RETRY_BACKOFF_MS);
        assertThat(properties("medallion.gold.streams.producer.retry.backoff.ms", "50"))
                .containsEntry("producer.retry.backoff.ms", "50");
    }

    @Test
    void aCrashedInstanceReleasesItsTasksAfterTenSecondsUnlessOverridden() {
        assertThat(properties("medallion.gold.streams.security.protocol", "SSL"))
                .containsEntry("main.consumer.session.timeout.ms", "10000");
        assertThat(properties("medallion.gold.streams.main.consumer.session.timeout.ms", "30000"))
                .containsEntry("main.consumer.session.timeout.ms", "30000");
    }
}
