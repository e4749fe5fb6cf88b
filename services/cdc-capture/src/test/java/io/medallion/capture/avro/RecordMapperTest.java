package io.medallion.capture.avro;

import io.debezium.data.Envelope;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RecordMapperTest {

    private static final String TOPIC = "cdc.shop.orders";

    /** Debezium's PostgreSQL source block (3.x field set). */
    private static final org.apache.kafka.connect.data.Schema SOURCE = SchemaBuilder.struct()
            .name("io.debezium.connector.postgresql.Source")
            .field("version", org.apache.kafka.connect.data.Schema.STRING_SCHEMA)
            .field("connector", org.apache.kafka.connect.data.Schema.STRING_SCHEMA)
            .field("name", org.apache.kafka.connect.data.Schema.STRING_SCHEMA)
            .field("ts_ms", org.apache.kafka.connect.data.Schema.INT64_SCHEMA)
            .field("snapshot", SchemaBuilder.string().optional().defaultValue("false").build())
            .field("db", org.apache.kafka.connect.data.Schema.STRING_SCHEMA)
            .field("sequence", org.apache.kafka.connect.data.Schema.OPTIONAL_STRING_SCHEMA)
            .field("schema", org.apache.kafka.connect.data.Schema.STRING_SCHEMA)
            .field("table", org.apache.kafka.connect.data.Schema.STRING_SCHEMA)
            .field("txId", org.apache.kafka.connect.data.Schema.OPTIONAL_INT64_SCHEMA)
            .field("lsn", org.apache.kafka.connect.data.Schema.OPTIONAL_INT64_SCHEMA)
            .field("xmin", org.apache.kafka.connect.data.Schema.OPTIONAL_INT64_SCHEMA)
            .build();

    private static final org.apache.kafka.connect.data.Schema KEY = SchemaBuilder.struct().name(TOPIC + ".Key")
            .field("order_id", org.apache.kafka.connect.data.Schema.INT64_SCHEMA).build();

    private static final org.apache.kafka.connect.data.Schema ROW = row(false);

    private static final Envelope ENVELOPE = Envelope.defineSchema().withName(TOPIC + ".Envelope")
            .withRecord(ROW).withSource(SOURCE).build();

    private final RecordMapper mapper = new RecordMapper();

    @Test
    void updateCarriesBothImagesAndTheReducedSource() {
        Struct before = new Struct(ROW).put("order_id", 1L).put("status", "pending");
        Struct after = new Struct(ROW).put("order_id", 1L).put("status", "paid");
        Struct value = ENVELOPE.update(before, after, source("false"), Instant.ofEpochMilli(2_000));

        ChangeRecord change = mapper.map(record(ENVELOPE, value)).orElseThrow();

        assertThat(change.topic()).isEqualTo(TOPIC);
        assertThat(change.table()).isEqualTo("shop.orders");
        assertThat(change.op()).isEqualTo("u");
        assertThat(change.sourceTsMs()).isEqualTo(1_000L);
        assertThat(change.key().get("order_id")).isEqualTo(1L);
        assertThat(change.key().getSchema().getFullName()).isEqualTo(TOPIC + ".Key");
        GenericRecord v = change.value();
        assertThat(v.getSchema().getFullName()).isEqualTo(TOPIC + ".Envelope");
        assertThat(v.getSchema().getFields()).extracting(Schema.Field::name)
                .containsExactly("before", "after", "source", "op", "ts_ms");
        assertThat(((GenericRecord) v.get("before")).get("status")).isEqualTo("pending");
        assertThat(((GenericRecord) v.get("after")).get("status")).isEqualTo("paid");
        assertThat(v.get("op")).isEqualTo("u");
        assertThat(v.get("ts_ms")).isEqualTo(2_000L);
        GenericRecord src = (GenericRecord) v.get("source");
        assertThat(src.getSchema()).isEqualTo(EnvelopeSchemas.SOURCE);
        assertThat(src.getSchema().getFullName()).isEqualTo("io.medallion.cdc.Source");
        assertThat(src.get("db")).isEqualTo("shopdb");
        assertThat(src.get("schema")).isEqualTo("shop");
        assertThat(src.get("table")).isEqualTo("orders");
        assertThat(src.get("lsn")).isEqualTo(123_456L);
        assertThat(src.get("tx_id")).isEqualTo(789L);
        assertThat(src.get("ts_ms")).isEqualTo(1_000L);
        assertThat(src.get("snapshot")).isEqualTo("false");
        assertThat(GenericData.get().validate(v.getSchema(), v)).isTrue();
    }

    @Test
    void deleteHasBeforeImageAndNoAfter() {
        Struct before = new Struct(ROW).put("order_id", 1L).put("status", "paid");
        Struct value = ENVELOPE.delete(before, source("false"), Instant.ofEpochMilli(2_000));

        GenericRecord v = mapper.map(record(ENVELOPE, value)).orElseThrow().value();

        assertThat(v.get("op")).isEqualTo("d");
        assertThat(v.get("after")).isNull();
        assertThat(((GenericRecord) v.get("before")).get("order_id")).isEqualTo(1L);
    }

    @Test
    void snapshotReadKeepsDebeziumsMarker() {
        Struct after = new Struct(ROW).put("order_id", 1L).put("status", "paid");
        Struct value = ENVELOPE.read(after, source("last"), Instant.ofEpochMilli(2_000));

        ChangeRecord change = mapper.map(record(ENVELOPE, value)).orElseThrow();

        assertThat(change.op()).isEqualTo("r");
        assertThat(change.value().get("before")).isNull();
        assertThat(((GenericRecord) change.value().get("source")).get("snapshot")).isEqualTo("last");
    }

    @Test
    void tombstonesAreDropped() {
        SourceRecord tombstone = new SourceRecord(Map.of(), Map.of(), TOPIC, KEY, new Struct(KEY).put("order_id", 1L), null, null);
        assertThat(mapper.map(tombstone)).isEmpty();
    }

    @Test
    void heartbeatsKeepTheirShape() {
        org.apache.kafka.connect.data.Schema key = SchemaBuilder.struct().name("io.debezium.connector.common.ServerNameKey")
                .field("serverName", org.apache.kafka.connect.data.Schema.STRING_SCHEMA).build();
        org.apache.kafka.connect.data.Schema value = SchemaBuilder.struct().name("io.debezium.connector.common.Heartbeat")
                .field("ts_ms", org.apache.kafka.connect.data.Schema.INT64_SCHEMA).build();
        SourceRecord heartbeat = new SourceRecord(Map.of(), Map.of(), "__debezium-heartbeat.cdc",
                key, new Struct(key).put("serverName", "cdc"), value, new Struct(value).put("ts_ms", 5L));

        ChangeRecord change = mapper.map(heartbeat).orElseThrow();

        assertThat(change.isChange()).isFalse();
        assertThat(change.key().get("serverName")).isEqualTo("cdc");
        assertThat(change.value().get("ts_ms")).isEqualTo(5L);
    }

    @Test
    void sameConnectSchemaReusesTheCompiledAvroSchema() {
        Struct after = new Struct(ROW).put("order_id", 1L).put("status", "paid");
        Schema first = mapper.map(record(ENVELOPE, ENVELOPE.create(after, source("false"), Instant.EPOCH))).orElseThrow().value().getSchema();
        Schema second = mapper.map(record(ENVELOPE, ENVELOPE.create(after, source("false"), Instant.EPOCH))).orElseThrow().value().getSchema();

        assertThat(second).isSameAs(first);
        assertThat(mapper.cachedTopics()).isEqualTo(1);
    }

    @Test
    void addedColumnYieldsANewCompatibleSchema() {
        org.apache.kafka.connect.data.Schema wider = row(true);
        Envelope widerEnvelope = Envelope.defineSchema().withName(TOPIC + ".Envelope").withRecord(wider).withSource(SOURCE).build();
        Schema old = mapper.map(record(ENVELOPE, ENVELOPE.create(new Struct(ROW).put("order_id", 1L).put("status", "a"),
                source("false"), Instant.EPOCH))).orElseThrow().value().getSchema();

        GenericRecord v = mapper.map(record(widerEnvelope, widerEnvelope.create(
                new Struct(wider).put("order_id", 2L).put("status", "b").put("note", "gift"), source("false"), Instant.EPOCH)))
                .orElseThrow().value();

        assertThat(v.getSchema()).isNotEqualTo(old);
        assertThat(((GenericRecord) v.get("after")).get("note")).isEqualTo("gift");
        assertThat(org.apache.avro.SchemaCompatibility.checkReaderWriterCompatibility(v.getSchema(), old).getType())
                .isEqualTo(org.apache.avro.SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
    }

    private static org.apache.kafka.connect.data.Schema row(boolean withNote) {
        SchemaBuilder b = SchemaBuilder.struct().name(TOPIC + ".Value")
                .field("order_id", org.apache.kafka.connect.data.Schema.INT64_SCHEMA)
                .field("status", org.apache.kafka.connect.data.Schema.STRING_SCHEMA);
        if (withNote) {
            b.field("note", org.apache.kafka.connect.data.Schema.OPTIONAL_STRING_SCHEMA);
        }
        return b.optional().build();
    }

    private static Struct source(String snapshot) {
        return new Struct(SOURCE).put("version", "3.6.1.Final").put("connector", "postgresql").put("name", "cdc")
                .put("ts_ms", 1_000L).put("snapshot", snapshot).put("db", "shopdb").put("schema", "shop")
                .put("table", "orders").put("txId", 789L).put("lsn", 123_456L);
    }

    private static SourceRecord record(Envelope envelope, Struct value) {
        Struct key = new Struct(KEY).put("order_id", ((Struct) (value.get("after") != null ? value.get("after") : value.get("before"))).get("order_id"));
        return new SourceRecord(Map.of("server", "cdc"), Map.of("lsn", 1L), TOPIC, KEY, key, envelope.schema(), value);
    }
}
