package io.medallion.silver;

import io.medallion.common.config.ConfigException;
import io.medallion.common.config.Settings;
import io.medallion.silver.errors.DeadLetterDeserializationHandler;
import io.medallion.silver.errors.DeadLetterProcessingHandler;
import io.medallion.silver.errors.DeadLetterProductionHandler;
import io.medallion.silver.errors.DeadLetterRouter;
import io.medallion.silver.pii.HmacKey;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * The validated configuration of silver-enricher, built from {@link Settings} by {@link #from}.
 * Every key is {@code medallion.silver.<kebab-case>} (plus the fleet-wide {@code medallion.profile});
 * a bad value throws a {@link ConfigException} naming the key.
 *
 * @param applicationId Kafka Streams application id (consumer group, internal topic prefix)
 * @param bootstrapServers Kafka bootstrap servers
 * @param schemaRegistryUrl schema registry URL(s), comma-separated
 * @param stateDir where Kafka Streams keeps its state stores
 * @param streamThreads stream threads of this instance
 * @param commitInterval how often transactions commit (exactly_once_v2)
 * @param dedupRetention how long, in event time, clickstream event ids are remembered
 * @param maxFutureSkew how far after the source commit time a row timestamp may lie
 * @param hmacKey the PII token key
 * @param topics whether and how missing topics are created at start
 * @param startTimeout how long {@code start()} waits for the streams to run
 * @param streamsOverrides extra Kafka Streams properties ({@code medallion.silver.streams.*})
 */
public record SilverConfig(String applicationId, String bootstrapServers, String schemaRegistryUrl, Path stateDir,
                           int streamThreads, Duration commitInterval, Duration dedupRetention, Duration maxFutureSkew,
                           HmacKey hmacKey, TopicSetup topics, Duration startTimeout, Map<String, String> streamsOverrides) {

    private static final Logger LOG = LoggerFactory.getLogger(SilverConfig.class);

    public static final String APPLICATION_ID = "medallion.silver.application-id";
    public static final String BOOTSTRAP_SERVERS = "medallion.silver.bootstrap-servers";
    public static final String SCHEMA_REGISTRY_URL = "medallion.silver.schema-registry-url";
    public static final String STATE_DIR = "medallion.silver.state-dir";
    public static final String STREAM_THREADS = "medallion.silver.stream-threads";
    public static final String COMMIT_INTERVAL = "medallion.silver.commit-interval";
    public static final String DEDUP_RETENTION = "medallion.silver.dedup.retention";
    public static final String MAX_FUTURE_SKEW = "medallion.silver.validation.max-future-skew";
    public static final String HMAC_KEY = "medallion.silver.pii.hmac-key";
    public static final String HMAC_KEY_FILE = "medallion.silver.pii.hmac-key-file";
    public static final String TOPICS_CREATE_MISSING = "medallion.silver.topics.create-missing";
    public static final String TOPICS_PARTITIONS = "medallion.silver.topics.partitions";
    public static final String TOPICS_REPLICATION_FACTOR = "medallion.silver.topics.replication-factor";
    public static final String START_TIMEOUT = "medallion.silver.start-timeout";
    /** Prefix of raw Kafka Streams properties, e.g. {@code medallion.silver.streams.num.standby.replicas}. */
    public static final String STREAMS_PREFIX = "medallion.silver.streams.";
    /** Default producer retry backoff of the Streams producer, in ms (see {@link #streamsProperties}). */
    static final String PRODUCER_RETRY_BACKOFF_MS = "10";
    /** Default session timeout of the main consumer, in ms (see {@link #streamsProperties}). */
    static final String SESSION_TIMEOUT_MS = "10000";
    /** The fleet-wide profile; {@code local} allows the development PII key. */
    public static final String PROFILE = "medallion.profile";

    /** Every fixed key, for environment-variable overlays ({@link Settings#withEnvironment}). */
    public static final List<String> KEYS = List.of(APPLICATION_ID, BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL, STATE_DIR,
            STREAM_THREADS, COMMIT_INTERVAL, DEDUP_RETENTION, MAX_FUTURE_SKEW, HMAC_KEY, HMAC_KEY_FILE,
            TOPICS_CREATE_MISSING, TOPICS_PARTITIONS, TOPICS_REPLICATION_FACTOR, START_TIMEOUT, PROFILE);

    public static final String DEFAULT_APPLICATION_ID = "medallion-silver-enricher";

    /** Missing-topic creation at start: every source and output topic the service needs. */
    public record TopicSetup(boolean createMissing, int partitions, short replicationFactor) {
    }

    public SilverConfig {
        streamsOverrides = Map.copyOf(streamsOverrides);
    }

    public static SilverConfig from(Settings s) {
        String schemaRegistryUrl = s.string(SCHEMA_REGISTRY_URL);
        for (String url : schemaRegistryUrl.split(",")) {
            requireUrl(url.trim());
        }
        Map<String, String> overrides = s.under(STREAMS_PREFIX);
        if (overrides.containsKey(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)) {
            throw new ConfigException(STREAMS_PREFIX + StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                    "cannot be overridden: silver-enricher always runs exactly_once_v2");
        }
        return new SilverConfig(
                s.string(APPLICATION_ID, DEFAULT_APPLICATION_ID),
                s.string(BOOTSTRAP_SERVERS),
                schemaRegistryUrl,
                Path.of(s.string(STATE_DIR, Path.of(System.getProperty("java.io.tmpdir"), "medallion", "silver-enricher").toString())),
                s.intValue(STREAM_THREADS, 1, 1, 64),
                s.duration(COMMIT_INTERVAL, Duration.ofMillis(100), Duration.ofMillis(10), Duration.ofMinutes(10)),
                s.duration(DEDUP_RETENTION, Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofDays(7)),
                s.duration(MAX_FUTURE_SKEW, Duration.ofMinutes(5), Duration.ZERO, Duration.ofDays(1)),
                hmacKey(s),
                new TopicSetup(s.bool(TOPICS_CREATE_MISSING, true), s.intValue(TOPICS_PARTITIONS, 1, 1, 10_000),
                        (short) s.intValue(TOPICS_REPLICATION_FACTOR, 1, 1, Short.MAX_VALUE)),
                s.duration(START_TIMEOUT, Duration.ofMinutes(2), Duration.ofSeconds(1), Duration.ofHours(1)),
                overrides);
    }

    private static void requireUrl(String url) {
        try {
            if (URI.create(url).getScheme() != null) {
                return;
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, "must be URLs like http://registry:8081 (mock://scope in tests), was '" + url + "'", e);
        }
        throw new ConfigException(SCHEMA_REGISTRY_URL, "must be URLs like http://registry:8081 (mock://scope in tests), was '" + url + "'");
    }

    /**
     * The PII key: {@code hmac-key} or the file named by {@code hmac-key-file}, at least 32 bytes.
     * Without either, only {@code medallion.profile=local} starts, with a public development key.
     */
    static HmacKey hmacKey(Settings s) {
        var inline = s.optional(HMAC_KEY);
        var file = s.optional(HMAC_KEY_FILE);
        if (inline.isPresent() && file.isPresent()) {
            throw new ConfigException(HMAC_KEY, "set either " + HMAC_KEY + " or " + HMAC_KEY_FILE + ", not both");
        }
        if (inline.isPresent()) {
            return checkedLength(HMAC_KEY, HmacKey.of(inline.get()));
        }
        if (file.isPresent()) {
            Path path = Path.of(file.get());
            String secret;
            try {
                secret = Files.readString(path).trim();
            } catch (IOException | RuntimeException e) {
                throw new ConfigException(HMAC_KEY_FILE, "cannot read the key file " + path + ": " + e, e);
            }
            return checkedLength(HMAC_KEY_FILE, HmacKey.of(secret));
        }
        if ("local".equals(s.string(PROFILE, "").toLowerCase(Locale.ROOT))) {
            LOG.warn("*** PII tokens use the PUBLIC development HMAC key ({}=local): tokens protect nothing. "
                    + "Never run this profile on real personal data; set {} or {} instead. ***", PROFILE, HMAC_KEY, HMAC_KEY_FILE);
            return HmacKey.development();
        }
        throw new ConfigException(HMAC_KEY, "is required (or " + HMAC_KEY_FILE
                + "): personal data is tokenized with this secret; only " + PROFILE + "=local may run without one");
    }

    private static HmacKey checkedLength(String key, HmacKey hmacKey) {
        if (hmacKey.length() < HmacKey.MIN_BYTES) {
            throw new ConfigException(key, "must be at least " + HmacKey.MIN_BYTES + " bytes, was " + hmacKey.length());
        }
        return hmacKey;
    }

    /** Whether the instance has a static group membership ({@code group.instance.id}) set through the overrides. */
    public boolean staticMembership() {
        return streamsOverrides.containsKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)
                || streamsOverrides.containsKey(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
    }

    /** Serde configuration for the registry's Avro serdes. */
    public Map<String, Object> serdeConfig() {
        return Map.of("schema.registry.url", schemaRegistryUrl);
    }

    /**
     * The Kafka Streams properties: exactly_once_v2, the dead-lettering exception handlers (with
     * the router they need), explicit-naming enforcement, then {@code medallion.silver.streams.*}.
     */
    @SuppressWarnings("deprecation") // The global-handler switch is deprecated from birth: it goes when 5.0 makes it the default.
    public Properties streamsProperties(DeadLetterRouter router) {
        Properties p = new Properties();
        // Overridable tuning default (medallion.silver.streams.producer.retry.backoff.ms), as in
        // gold-kpi: under exactly_once_v2 the first send of each transaction often meets
        // CONCURRENT_TRANSACTIONS while the broker still writes the previous commit's markers, and
        // the default 100 ms backoff stalls the stream thread a whole commit interval each time
        // (bench/run: silver fell behind at 2,000 events/s with it). Repeated failures still back
        // off exponentially up to retry.backoff.max.ms.
        p.put(StreamsConfig.producerPrefix(org.apache.kafka.clients.producer.ProducerConfig.RETRY_BACKOFF_MS_CONFIG),
                PRODUCER_RETRY_BACKOFF_MS);
        // Overridable default (Kafka's is 45 s): the tasks of a crashed instance wait until its
        // session expires (bench/run faults: 44 s before a killed silver-enricher was back).
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), SESSION_TIMEOUT_MS);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class);
        // Lookup-table updates fail to the processing handler too (the Kafka 5.0 default); Streams
        // cannot dead-letter from the global thread, so such a record is logged and skipped.
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        // The lookup tables read silver topics this application writes transactionally.
        p.put(StreamsConfig.globalConsumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
        p.put(DeadLetterRouter.CONFIG_KEY, Objects.requireNonNull(router, "router"));
        p.putAll(streamsOverrides);
        return p;
    }
}
