package io.medallion.sink;

import io.medallion.common.config.ConfigException;
import io.medallion.common.config.Settings;
import io.medallion.common.topics.TopicNames;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The sink's settings, validated at start: a wrong value throws a {@link ConfigException}
 * naming its key. Keys are {@code medallion.sink.*}; every fixed key can be set by the matching
 * environment variable ({@code MEDALLION_SINK_FLUSH_MAX_RECORDS}). The README lists them all.
 *
 * @param registryUrl  schema registry URL(s), or {@code mock://<scope>} for an in-memory one
 * @param registry     more registry client settings ({@code medallion.sink.registry.*}, prefix
 *                     removed, e.g. {@code basic.auth.user.info})
 * @param topics       explicit topics, or empty to subscribe by {@code topicPattern}
 * @param topicPattern topics to subscribe to when {@code topics} is empty; the capture
 *                     heartbeat topic is always excluded
 * @param kafka        extra Kafka consumer properties ({@code medallion.sink.kafka.*}, prefix removed)
 */
public record SinkConfig(
        StorageConfig storage,
        String bootstrapServers,
        String registryUrl,
        Map<String, String> registry,
        String groupId,
        List<String> topics,
        Pattern topicPattern,
        Map<String, String> kafka,
        FlushPolicy flush,
        Duration pollTimeout) {

    public static final String PREFIX = StorageConfig.PREFIX;
    public static final String BOOTSTRAP_SERVERS = PREFIX + "bootstrap-servers";
    public static final String REGISTRY_URL = PREFIX + "registry-url";
    public static final String GROUP_ID = PREFIX + "group-id";
    public static final String TOPICS = PREFIX + "topics";
    public static final String TOPIC_PATTERN = PREFIX + "topic-pattern";
    public static final String FLUSH_MAX_RECORDS = PREFIX + "flush.max-records";
    public static final String FLUSH_MAX_BYTES = PREFIX + "flush.max-bytes";
    public static final String FLUSH_MAX_LATENCY = PREFIX + "flush.max-latency";
    public static final String POLL_TIMEOUT = PREFIX + "poll-timeout";
    public static final String KAFKA_PREFIX = PREFIX + "kafka.";
    public static final String REGISTRY_PREFIX = PREFIX + "registry.";

    /** Every fixed key, for {@link Settings#withEnvironment}. */
    public static final List<String> KEYS;

    static {
        List<String> keys = new ArrayList<>(StorageConfig.KEYS);
        keys.addAll(List.of(BOOTSTRAP_SERVERS, REGISTRY_URL, GROUP_ID, TOPICS, TOPIC_PATTERN, FLUSH_MAX_RECORDS,
                FLUSH_MAX_BYTES, FLUSH_MAX_LATENCY, POLL_TIMEOUT));
        KEYS = List.copyOf(keys);
    }

    private static final long MIB = 1024L * 1024L;

    public SinkConfig {
        topics = List.copyOf(topics);
        kafka = Map.copyOf(kafka);
        registry = Map.copyOf(registry);
    }

    public static SinkConfig from(Settings settings) {
        StorageConfig storage = StorageConfig.from(settings);
        Layer layer = storage.layer();
        List<String> topics = settings.list(TOPICS, List.of());
        for (String t : topics) {
            if (t.equals(TopicNames.CAPTURE_HEARTBEAT)) {
                throw new ConfigException(TOPICS, "the heartbeat topic " + TopicNames.CAPTURE_HEARTBEAT + " holds no table rows");
            }
            if (layer.tableFor(t).isEmpty()) {
                throw new ConfigException(TOPICS, "topic '" + t + "' does not belong to layer " + layer.directory()
                        + " (its topics look like " + layer.defaultTopicPattern() + ")");
            }
        }
        Pattern pattern = settings.parsed(TOPIC_PATTERN, "a Java regular expression", SinkConfig::compile)
                .orElseGet(() -> compile(layer.defaultTopicPattern()));
        FlushPolicy flush = new FlushPolicy(
                settings.intValue(FLUSH_MAX_RECORDS, 100_000, 1, 10_000_000),
                settings.longValue(FLUSH_MAX_BYTES, 64 * MIB, 1024, 4096 * MIB),
                settings.duration(FLUSH_MAX_LATENCY, Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofHours(1)));
        String registryUrl = settings.parsed(REGISTRY_URL, "comma-separated URLs like http://host:8081, or mock://scope",
                SinkConfig::registryUrls).orElseThrow(() -> new ConfigException(REGISTRY_URL, "is required but not set"));
        return new SinkConfig(storage,
                settings.string(BOOTSTRAP_SERVERS),
                registryUrl,
                settings.under(REGISTRY_PREFIX),
                settings.string(GROUP_ID, layer.defaultGroupId()),
                topics, pattern,
                settings.under(KAFKA_PREFIX),
                flush,
                settings.duration(POLL_TIMEOUT, Duration.ofMillis(100), Duration.ofMillis(1), Duration.ofSeconds(30)));
    }

    /** Settings with the environment overlaid for every fixed key. */
    public static SinkConfig fromEnvironment(Settings settings, Map<String, String> env) {
        return from(settings.withEnvironment(env, KEYS));
    }

    public Layer layer() {
        return storage.layer();
    }

    public URI tableRoot() {
        return storage.tableRoot();
    }

    /** {@code bronze-writer[silver]}. */
    public String serviceName() {
        return "bronze-writer[" + layer().directory() + "]";
    }

    /** Whether this sink writes a topic: the layer owns it, it is subscribed, and it is not the heartbeat topic. */
    public boolean owns(String topic) {
        if (topic.equals(TopicNames.CAPTURE_HEARTBEAT) || layer().tableFor(topic).isEmpty()) {
            return false;
        }
        return topics.isEmpty() ? topicPattern.matcher(topic).matches() : topics.contains(topic);
    }

    private static String registryUrls(String value) {
        for (String url : value.split(",")) {
            if (URI.create(url.trim()).getScheme() == null) {
                throw new IllegalArgumentException("no scheme in " + url);
            }
        }
        return value;
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
