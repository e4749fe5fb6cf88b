package io.medallion.gold;

import io.medallion.common.config.ConfigException;
import io.medallion.common.config.Settings;
import io.medallion.gold.kpi.KpiWindows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Typed, validated settings of gold-kpi (keys {@code medallion.gold.*}), built once at start.
 *
 * @param windows             tumbling window size and grace
 * @param partitions          partitions of the by-user repartition topic: how far the exact
 *                            distinct counts scale out. Fixed for the life of an application id
 *                            (changing it needs a new {@code application-id})
 * @param watermarkInterval   event-time step at which the first stage broadcasts its stream time
 *                            to every partition; bounds how late after end + grace a window closes
 * @param streamsOverrides    raw Kafka Streams properties ({@code medallion.gold.streams.*}),
 *                            e.g. security settings; they cannot weaken exactly_once_v2
 */
public record GoldConfig(
        String applicationId,
        String bootstrapServers,
        String schemaRegistryUrl,
        KpiWindows windows,
        int partitions,
        Duration watermarkInterval,
        Path stateDir,
        int streamThreads,
        Duration commitInterval,
        int replicationFactor,
        boolean createTopics,
        Duration startupTimeout,
        Map<String, String> streamsOverrides) {

    public static final String PREFIX = "medallion.gold.";
    public static final String APPLICATION_ID = PREFIX + "application-id";
    public static final String BOOTSTRAP_SERVERS = PREFIX + "bootstrap-servers";
    public static final String SCHEMA_REGISTRY_URL = PREFIX + "schema-registry-url";
    public static final String WINDOW_SIZE = PREFIX + "window-size";
    public static final String GRACE = PREFIX + "grace";
    public static final String PARTITIONS = PREFIX + "partitions";
    public static final String WATERMARK_INTERVAL = PREFIX + "watermark-interval";
    public static final String STATE_DIR = PREFIX + "state-dir";
    public static final String STREAM_THREADS = PREFIX + "stream-threads";
    public static final String COMMIT_INTERVAL = PREFIX + "commit-interval";
    public static final String REPLICATION_FACTOR = PREFIX + "replication-factor";
    public static final String CREATE_TOPICS = PREFIX + "create-topics";
    public static final String STARTUP_TIMEOUT = PREFIX + "startup-timeout";
    public static final String STREAMS_PREFIX = PREFIX + "streams";

    /** Every scalar key, for {@link Settings#withEnvironment}. */
    public static final List<String> KEYS = List.of(APPLICATION_ID, BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL,
            WINDOW_SIZE, GRACE, PARTITIONS, WATERMARK_INTERVAL, STATE_DIR, STREAM_THREADS, COMMIT_INTERVAL,
            REPLICATION_FACTOR, CREATE_TOPICS, STARTUP_TIMEOUT);

    public static final Duration DEFAULT_WINDOW_SIZE = Duration.ofMinutes(1);
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(15);
    public static final int DEFAULT_PARTITIONS = 4;

    /** Kafka Streams properties gold-kpi sets itself; an override of one of them is a mistake. */
    private static final List<String> RESERVED_STREAMS_KEYS = List.of(
            "application.id", "bootstrap.servers", "processing.guarantee", "state.dir", "num.stream.threads",
            "commit.interval.ms", "replication.factor", "default.deserialization.exception.handler",
            "deserialization.exception.handler", "processing.exception.handler", "production.exception.handler",
            "default.production.exception.handler");

    public GoldConfig {
        streamsOverrides = Map.copyOf(streamsOverrides);
    }

    public static GoldConfig from(Settings settings) {
        Duration windowSize = settings.duration(WINDOW_SIZE, DEFAULT_WINDOW_SIZE, Duration.ofSeconds(1), Duration.ofDays(1));
        if (!KpiWindows.tilesADay(windowSize)) {
            throw new ConfigException(WINDOW_SIZE, "must divide one day exactly so windows align to UTC midnight, was " + windowSize);
        }
        Duration grace = settings.duration(GRACE, DEFAULT_GRACE, Duration.ZERO, Duration.ofDays(1));
        Duration watermarkInterval = settings.duration(WATERMARK_INTERVAL, Duration.ofSeconds(1), Duration.ofMillis(1), windowSize);
        int replication = settings.intValue(REPLICATION_FACTOR, -1, -1, 32);
        if (replication == 0) {
            throw new ConfigException(REPLICATION_FACTOR, "must be -1 (broker default) or at least 1, was 0");
        }
        Map<String, String> overrides = settings.under(STREAMS_PREFIX);
        for (String key : overrides.keySet()) {
            if (RESERVED_STREAMS_KEYS.contains(key)) {
                throw new ConfigException(STREAMS_PREFIX + "." + key,
                        "is set by gold-kpi itself (exactly_once_v2, dead-letter handlers, typed settings); use the medallion.gold.* setting instead");
            }
        }
        return new GoldConfig(
                settings.string(APPLICATION_ID, "medallion-gold-kpi"),
                settings.string(BOOTSTRAP_SERVERS),
                settings.string(SCHEMA_REGISTRY_URL),
                new KpiWindows(windowSize, grace),
                settings.intValue(PARTITIONS, DEFAULT_PARTITIONS, 1, 1024),
                watermarkInterval,
                settings.parsed(STATE_DIR, "a directory path", Path::of)
                        .orElse(Path.of(System.getProperty("java.io.tmpdir"), "medallion", "gold-kpi")),
                settings.intValue(STREAM_THREADS, 1, 1, 64),
                settings.duration(COMMIT_INTERVAL, Duration.ofMillis(100), Duration.ofMillis(1), Duration.ofMinutes(1)),
                replication,
                settings.bool(CREATE_TOPICS, true),
                settings.duration(STARTUP_TIMEOUT, Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofMinutes(30)),
                overrides);
    }
}
