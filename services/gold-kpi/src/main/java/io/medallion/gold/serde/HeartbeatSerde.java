package io.medallion.gold.serde;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Values of the capture heartbeat topic ({@code {"ts_ms": long}}, docs/cdc-envelope.md) seen as
 * their {@code ts_ms}, the capture's wall clock in epoch ms. Reads any writer schema that has a
 * numeric {@code ts_ms}; writes Debezium's heartbeat record (for tests and benchmarks).
 */
public final class HeartbeatSerde implements Serde<Long> {

    static final Schema SCHEMA = SchemaBuilder.record("Heartbeat").namespace("io.debezium.connector.common")
            .fields().requiredLong("ts_ms").endRecord();

    private final Serde<GenericRecord> avro;

    public HeartbeatSerde(Serde<GenericRecord> genericAvro) {
        this.avro = genericAvro;
    }

    @Override
    public Serializer<Long> serializer() {
        return (topic, tsMs) -> {
            if (tsMs == null) {
                return null;
            }
            GenericRecord heartbeat = new GenericData.Record(SCHEMA);
            heartbeat.put("ts_ms", tsMs);
            return avro.serializer().serialize(topic, heartbeat);
        };
    }

    @Override
    public Deserializer<Long> deserializer() {
        return (topic, bytes) -> {
            GenericRecord heartbeat = avro.deserializer().deserialize(topic, bytes);
            if (heartbeat == null) {
                return null;
            }
            if (heartbeat.getSchema().getField("ts_ms") == null || !(heartbeat.get("ts_ms") instanceof Number tsMs)) {
                throw new SerializationException("heartbeat on " + topic + " has no numeric ts_ms: " + heartbeat);
            }
            return tsMs.longValue();
        };
    }

    @Override
    public void close() {
        avro.close();
    }
}
