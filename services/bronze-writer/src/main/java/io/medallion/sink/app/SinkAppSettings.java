package io.medallion.sink.app;

import io.medallion.common.config.Settings;
import io.medallion.sink.SinkConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of the sink application on top of {@link SinkConfig}'s.
 *
 * @param maxCommitDelay readiness turns DOWN while a record read from Kafka has waited longer
 *                       than this for its Delta commit (commits stuck, storage hanging); it
 *                       should exceed {@code flush.max-latency} plus a commit's duration
 */
public record SinkAppSettings(Duration maxCommitDelay) {

    public static final String MAX_COMMIT_DELAY = SinkConfig.PREFIX + "health.max-commit-delay";
    public static final Duration DEFAULT_MAX_COMMIT_DELAY = Duration.ofMinutes(2);

    /** Every fixed key of the application: the sink's and this one. */
    public static final List<String> KEYS;
    /** Raw property maps: Kafka consumer, Hadoop/Delta and registry client settings. */
    public static final List<String> PREFIXES = List.of(SinkConfig.KAFKA_PREFIX, SinkConfig.PREFIX + "hadoop.",
            SinkConfig.REGISTRY_PREFIX);

    static {
        List<String> keys = new ArrayList<>(SinkConfig.KEYS);
        keys.add(MAX_COMMIT_DELAY);
        KEYS = List.copyOf(keys);
    }

    public static SinkAppSettings from(Settings settings) {
        return new SinkAppSettings(settings.duration(MAX_COMMIT_DELAY, DEFAULT_MAX_COMMIT_DELAY, Duration.ofSeconds(1),
                Duration.ofDays(1)));
    }
}
