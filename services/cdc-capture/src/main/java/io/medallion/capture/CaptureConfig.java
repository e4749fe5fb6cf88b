package io.medallion.capture;

import io.medallion.common.config.ConfigException;
import io.medallion.common.config.Settings;
import io.medallion.common.topics.TopicNames;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validated settings of cdc-capture, every key under {@code medallion.capture.}. Built once at
 * start by {@link #from(Settings)}; a wrong value throws a {@link ConfigException} naming its key.
 *
 * @param database          where the captured PostgreSQL listens and who logs in
 * @param slot              logical replication slot (created by Debezium on first start)
 * @param publication       pgoutput publication; must already exist (created by the DDL)
 * @param tables            captured tables, {@code schema.table}
 * @param topicPrefix       change topics are {@code <prefix>.<schema>.<table>}
 * @param engineName        Debezium engine name: the namespace of this capture's stored offsets
 * @param offsetsTopic      compacted topic holding the engine's offsets
 * @param offsetFlushInterval how often acknowledged positions are stored (bounds re-sent records after a crash)
 * @param heartbeatInterval heartbeat period; also how often {@code heartbeatTable} is touched
 * @param heartbeatTable    table (in the publication) the heartbeat action query upserts into
 * @param snapshotMode      what to do on a first start
 * @param kafkaBootstrap    Kafka bootstrap servers
 * @param registryUrl       schema registry base URL
 * @param topicPartitions   partitions of change topics this service creates
 * @param topicReplication  replication factor of the topics this service creates (change and offsets)
 * @param maxBatchSize      Debezium batch size: records sent and acknowledged together
 * @param slotMetricsInterval how often slot lag and retained WAL are read
 * @param producer          extra Kafka producer properties ({@code medallion.capture.producer.*})
 * @param debezium          extra Debezium properties ({@code medallion.capture.debezium.*})
 */
public record CaptureConfig(
        Database database,
        String slot,
        String publication,
        List<String> tables,
        String topicPrefix,
        String engineName,
        String offsetsTopic,
        Duration offsetFlushInterval,
        Duration heartbeatInterval,
        String heartbeatTable,
        SnapshotMode snapshotMode,
        String kafkaBootstrap,
        URI registryUrl,
        int topicPartitions,
        short topicReplication,
        int maxBatchSize,
        Duration slotMetricsInterval,
        Map<String, String> producer,
        Map<String, String> debezium) {

    public static final String PREFIX = "medallion.capture.";
    public static final String JDBC_URL = PREFIX + "database.jdbc-url";
    public static final String HOST = PREFIX + "database.host";
    public static final String PORT = PREFIX + "database.port";
    public static final String NAME = PREFIX + "database.name";
    public static final String USER = PREFIX + "database.user";
    public static final String PASSWORD = PREFIX + "database.password";
    public static final String SLOT = PREFIX + "slot";
    public static final String PUBLICATION = PREFIX + "publication";
    public static final String TABLES = PREFIX + "tables";
    public static final String TOPIC_PREFIX = PREFIX + "topic-prefix";
    public static final String ENGINE_NAME = PREFIX + "engine-name";
    public static final String OFFSETS_TOPIC = PREFIX + "offsets-topic";
    public static final String OFFSET_FLUSH_INTERVAL = PREFIX + "offset-flush-interval";
    public static final String HEARTBEAT_INTERVAL = PREFIX + "heartbeat-interval";
    public static final String HEARTBEAT_TABLE = PREFIX + "heartbeat-table";
    public static final String SNAPSHOT_MODE = PREFIX + "snapshot-mode";
    public static final String KAFKA_BOOTSTRAP = PREFIX + "kafka.bootstrap-servers";
    public static final String REGISTRY_URL = PREFIX + "registry.url";
    public static final String TOPIC_PARTITIONS = PREFIX + "topic-partitions";
    public static final String TOPIC_REPLICATION = PREFIX + "topic-replication-factor";
    public static final String MAX_BATCH_SIZE = PREFIX + "max-batch-size";
    public static final String SLOT_METRICS_INTERVAL = PREFIX + "slot-metrics-interval";
    public static final String PRODUCER_PREFIX = PREFIX + "producer";
    public static final String DEBEZIUM_PREFIX = PREFIX + "debezium";

    /** Every scalar key, for {@link Settings#withEnvironment}. */
    public static final List<String> KEYS = List.of(JDBC_URL, HOST, PORT, NAME, USER, PASSWORD, SLOT,
            PUBLICATION, TABLES, TOPIC_PREFIX, ENGINE_NAME, OFFSETS_TOPIC, OFFSET_FLUSH_INTERVAL,
            HEARTBEAT_INTERVAL, HEARTBEAT_TABLE, SNAPSHOT_MODE, KAFKA_BOOTSTRAP, REGISTRY_URL,
            TOPIC_PARTITIONS, TOPIC_REPLICATION, MAX_BATCH_SIZE, SLOT_METRICS_INTERVAL);

    /** The shop's captured tables: every table of DESIGN.md section 2, not the heartbeat table. */
    public static final List<String> DEFAULT_TABLES = TopicNames.SHOP_TABLES.stream()
            .map(t -> TopicNames.SHOP_SCHEMA + "." + t).toList();

    // PostgreSQL identifiers as Debezium's include list takes them (no quoting, no patterns).
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_$]*");
    private static final Pattern QUALIFIED = Pattern.compile("[a-z_][a-z0-9_$]*\\.[a-z_][a-z0-9_$]*");
    private static final Pattern JDBC = Pattern.compile(
            "jdbc:postgresql://([^/:?]+)(?::(\\d+))?/([^?]+)(\\?.*)?");

    /** Debezium's {@code snapshot.mode} values this service supports. */
    public enum SnapshotMode {
        /** Snapshot the tables on the first start, then stream. */
        INITIAL("initial"),
        /** Stream only changes from the first start on. */
        NO_DATA("no_data");

        private final String debeziumValue;

        SnapshotMode(String debeziumValue) {
            this.debeziumValue = debeziumValue;
        }

        public String debeziumValue() {
            return debeziumValue;
        }
    }

    /**
     * Where PostgreSQL listens. {@code hostKey} is the setting an unreachable host is blamed on
     * (the JDBC URL when one was given, the host otherwise).
     */
    public record Database(String host, int port, String name, String user, String password, String hostKey) {

        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name;
        }

        @Override
        public String toString() {
            return "Database[" + user + "@" + host + ":" + port + "/" + name + "]";
        }
    }

    public CaptureConfig {
        tables = List.copyOf(tables);
        producer = Map.copyOf(producer);
        debezium = Map.copyOf(debezium);
    }

    public static CaptureConfig from(Settings settings) {
        Database database = database(settings);
        String slot = identifier(settings, SLOT, "medallion");
        String publication = identifier(settings, PUBLICATION, "medallion");
        List<String> tables = settings.list(TABLES, DEFAULT_TABLES);
        if (tables.isEmpty()) {
            throw new ConfigException(TABLES, "must name at least one table");
        }
        for (String t : tables) {
            if (!QUALIFIED.matcher(t).matches()) {
                throw new ConfigException(TABLES, "entries must be schema.table in lower case, was '" + t + "'");
            }
        }
        String topicPrefix = settings.string(TOPIC_PREFIX, TopicNames.CDC_PREFIX);
        if (!topicPrefix.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new ConfigException(TOPIC_PREFIX, "must be a letter or _ followed by letters, digits or _ (it is also an Avro namespace), was '" + topicPrefix + "'");
        }
        String heartbeatTable = settings.string(HEARTBEAT_TABLE, "shop.capture_heartbeat");
        if (!QUALIFIED.matcher(heartbeatTable).matches()) {
            throw new ConfigException(HEARTBEAT_TABLE, "must be schema.table in lower case, was '" + heartbeatTable + "'");
        }
        String bootstrap = settings.string(KAFKA_BOOTSTRAP);
        URI registry = settings.uri(REGISTRY_URL);
        if (!"http".equals(registry.getScheme()) && !"https".equals(registry.getScheme())) {
            throw new ConfigException(REGISTRY_URL, "must be an http(s) URL, was '" + registry + "'");
        }
        return new CaptureConfig(
                database,
                slot,
                publication,
                tables,
                topicPrefix,
                settings.string(ENGINE_NAME, "medallion-cdc-capture"),
                settings.string(OFFSETS_TOPIC, "medallion.capture.offsets"),
                settings.duration(OFFSET_FLUSH_INTERVAL, Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofMinutes(10)),
                settings.duration(HEARTBEAT_INTERVAL, Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofHours(1)),
                heartbeatTable,
                settings.enumValue(SNAPSHOT_MODE, SnapshotMode.class, SnapshotMode.INITIAL),
                bootstrap,
                registry,
                settings.intValue(TOPIC_PARTITIONS, 1, 1, 10_000),
                (short) settings.intValue(TOPIC_REPLICATION, 1, 1, Short.MAX_VALUE),
                settings.intValue(MAX_BATCH_SIZE, 2048, 1, 1_000_000),
                settings.duration(SLOT_METRICS_INTERVAL, Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofHours(1)),
                settings.under(PRODUCER_PREFIX),
                settings.under(DEBEZIUM_PREFIX));
    }

    /** The topic a table's changes go to. */
    public String topicFor(String schemaDotTable) {
        return topicPrefix + "." + schemaDotTable;
    }

    /** Debezium's heartbeat topic for this prefix. */
    public String heartbeatTopic() {
        return "__debezium-heartbeat." + topicPrefix;
    }

    private static Database database(Settings settings) {
        String user = settings.string(USER);
        String password = settings.string(PASSWORD, "");
        var url = settings.optional(JDBC_URL);
        if (url.isPresent()) {
            Matcher m = JDBC.matcher(url.get());
            if (!m.matches()) {
                throw new ConfigException(JDBC_URL, "must look like jdbc:postgresql://host[:port]/database, was '" + url.get() + "'");
            }
            int port = m.group(2) == null ? 5432 : parsePort(JDBC_URL, m.group(2));
            return new Database(m.group(1), port, m.group(3), user, password, JDBC_URL);
        }
        return new Database(settings.string(HOST, "localhost"), settings.intValue(PORT, 5432, 1, 65535),
                settings.string(NAME), user, password, HOST);
    }

    private static int parsePort(String key, String port) {
        int p = Integer.parseInt(port);
        if (p < 1 || p > 65535) {
            throw new ConfigException(key, "port must be between 1 and 65535, was " + p);
        }
        return p;
    }

    private static String identifier(Settings settings, String key, String defaultValue) {
        String v = settings.string(key, defaultValue);
        if (!IDENTIFIER.matcher(v).matches() || v.length() > 63) {
            throw new ConfigException(key, "must be a lower-case PostgreSQL identifier of at most 63 characters, was '" + v + "'");
        }
        return v;
    }
}
