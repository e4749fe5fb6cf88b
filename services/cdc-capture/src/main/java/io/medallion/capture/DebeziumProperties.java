package io.medallion.capture;

import java.util.Properties;
import java.util.stream.Collectors;

/** The Debezium engine's configuration for a {@link CaptureConfig}. */
final class DebeziumProperties {

    private DebeziumProperties() {
    }

    static Properties of(CaptureConfig c) {
        Properties p = new Properties();
        // Pass-through first: the settings below carry the contract and the delivery guarantees.
        p.putAll(c.debezium());

        p.setProperty("name", c.engineName());
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("database.hostname", c.database().host());
        p.setProperty("database.port", Integer.toString(c.database().port()));
        p.setProperty("database.dbname", c.database().name());
        p.setProperty("database.user", c.database().user());
        p.setProperty("database.password", c.database().password());
        p.setProperty("topic.prefix", c.topicPrefix());
        p.setProperty("slot.name", c.slot());
        p.setProperty("slot.drop.on.stop", "false");
        p.setProperty("publication.name", c.publication());
        // The DDL owns the publication (it also holds the heartbeat table, which is not
        // captured); capture must neither need the rights to alter it nor narrow it.
        p.setProperty("publication.autocreate.mode", "disabled");
        p.setProperty("table.include.list", c.tables().stream().map(DebeziumProperties::literal).collect(Collectors.joining(",")));
        p.setProperty("snapshot.mode", c.snapshotMode().debeziumValue());

        // The column types of docs/cdc-envelope.md are derived from these two modes.
        p.setProperty("decimal.handling.mode", "precise");
        p.setProperty("time.precision.mode", "adaptive_time_microseconds");
        p.setProperty("schema.name.adjustment.mode", "avro");
        p.setProperty("field.name.adjustment.mode", "avro");
        p.setProperty("tombstones.on.delete", "false");

        p.setProperty("heartbeat.interval.ms", Long.toString(c.heartbeatInterval().toMillis()));
        p.setProperty("heartbeat.action.query", "INSERT INTO " + c.heartbeatTable() + " (id, ts) VALUES (1, now())"
                + " ON CONFLICT (id) DO UPDATE SET ts = EXCLUDED.ts");

        p.setProperty("max.batch.size", Integer.toString(c.maxBatchSize()));
        p.putIfAbsent("max.queue.size", Integer.toString(Math.max(8192, c.maxBatchSize() * 4)));
        // The engine hands over a batch when it is full or this much time passed (default 500 ms):
        // below max-batch-size changes per interval, that wait is the capture latency.
        p.putIfAbsent("poll.interval.ms", "50");

        p.setProperty("offset.storage", "org.apache.kafka.connect.storage.KafkaOffsetBackingStore");
        p.setProperty("offset.storage.topic", c.offsetsTopic());
        p.setProperty("offset.storage.partitions", "1");
        p.setProperty("offset.storage.replication.factor", Short.toString(c.topicReplication()));
        p.setProperty("offset.flush.interval.ms", Long.toString(c.offsetFlushInterval().toMillis()));
        p.setProperty("bootstrap.servers", c.kafkaBootstrap());
        return p;
    }

    /** Debezium's include list holds regular expressions; table names are matched literally. */
    static String literal(String schemaDotTable) {
        return schemaDotTable.replace(".", "\\.").replace("$", "\\$");
    }
}
