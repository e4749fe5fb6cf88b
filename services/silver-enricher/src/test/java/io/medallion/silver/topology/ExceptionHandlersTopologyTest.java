package io.medallion.silver.topology;

import io.medallion.avro.common.DeadLetter;
import io.medallion.registry.client.CompatibilityLevel;
import io.medallion.silver.fixtures.Cdc;
import io.medallion.silver.fixtures.Samples;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An undecodable, unprocessable or unwritable record is dead-lettered to
 * {@code silver.dead_letters} with its reason and bytes, counted, and the next record is
 * processed as usual.
 */
class ExceptionHandlersTopologyTest {

    private final SilverDriver silver = new SilverDriver();

    @AfterEach
    void close() {
        silver.close();
    }

    private void pipeValidOrder(long id) {
        silver.pipe("orders", id, Cdc.insert("orders", Samples.avroRow("orders", id), 100 + id, Samples.COMMIT));
    }

    @Test
    void aPoisonRecordIsDeadLetteredAndProcessingContinues() {
        byte[] key = silver.encodeKey("orders", 1);
        byte[] poison = "definitely not avro".getBytes(StandardCharsets.UTF_8);
        long offset = silver.pipeBytes("cdc.shop.orders", key, poison);
        pipeValidOrder(2);

        List<KeyValue<String, DeadLetter>> letters = silver.deadLetters();
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).key).isEqualTo("cdc.shop.orders");
        DeadLetter d = letters.get(0).value;
        assertThat(d.getFailureKind()).isEqualTo("deserialization");
        assertThat(d.getService()).isEqualTo("silver-enricher");
        assertThat(d.getSourceTopic()).isEqualTo("cdc.shop.orders");
        assertThat(d.getSourceOffset()).isEqualTo(offset);
        assertThat(d.getKey()).isEqualTo(ByteBuffer.wrap(key));
        assertThat(d.getValue()).isEqualTo(ByteBuffer.wrap(poison));
        assertThat(d.getReason()).isNotBlank();
        assertThat(silver.silverValues("orders")).hasSize(1);
        assertThat(silver.counters().deadLetters()).containsEntry("deserialization", 1L);
    }

    @Test
    void aTombstoneIsDeadLettered() {
        silver.pipeBytes("cdc.shop.orders", silver.encodeKey("orders", 1), null);
        pipeValidOrder(2);

        assertThat(silver.deadLetters()).singleElement().satisfies(kv ->
                assertThat(kv.value.getReason()).contains("tombstone"));
        assertThat(silver.silverValues("orders")).hasSize(1);
    }

    @Test
    void aRecordOfAnotherShapeIsDeadLettered() {
        Schema other = SchemaBuilder.record("Heartbeat").fields().requiredLong("ts_ms").endRecord();
        GenericRecord heartbeat = new GenericData.Record(other);
        heartbeat.put("ts_ms", 1L);
        silver.pipeBytes("cdc.shop.orders", silver.encodeKey("orders", 1), silver.encode("orders", heartbeat));

        assertThat(silver.deadLetters()).singleElement().satisfies(kv ->
                assertThat(kv.value.getReason()).contains("not a change envelope"));
    }

    @Test
    void anUnprocessableRecordIsDeadLetteredAndProcessingContinues() {
        // Schema drift in the source: the clickstream id arrives as text, which no rule checks and no mapping can read.
        Schema drifted = SchemaBuilder.record("Value").namespace("cdc.shop.web_events").fields()
                .requiredString("id").requiredString("event_id").requiredString("user_id").requiredString("event_type")
                .name("ts").type(LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG))).noDefault()
                .endRecord();
        GenericRecord row = Cdc.row(drifted, Map.of("id", "7", "event_id", Samples.eventId(7), "user_id", "u-1",
                "event_type", "page_view", "ts", Cdc.micros(Samples.T0)));
        GenericRecord envelope = Cdc.envelope("web_events", "c", null, row, 1L, Samples.COMMIT);
        silver.registry().setCompatibility("cdc.shop.web_events-value", CompatibilityLevel.NONE);
        byte[] bytes = silver.encode("web_events", envelope);
        silver.pipeBytes("cdc.shop.web_events", silver.encodeKey("web_events", 7), bytes);
        silver.pipe("web_events", 8, Cdc.insert("web_events", Samples.avroRow("web_events", 8), 2L, Samples.COMMIT));

        DeadLetter d = silver.deadLetters().get(0).value;
        assertThat(d.getFailureKind()).isEqualTo("processing");
        assertThat(d.getReason()).startsWith("MappingException: web_events.id: expected a whole number, got ");
        assertThat(d.getValue()).isEqualTo(ByteBuffer.wrap(bytes));
        assertThat(silver.silverValues("web_events")).hasSize(1);
        assertThat(silver.counters().deadLetters()).containsEntry("processing", 1L);
    }

    @Test
    void anUnwritableRecordIsDeadLetteredAndProcessingContinues() throws Exception {
        // Someone registered an incompatible contract under silver.warehouses-value: our schema is refused.
        Schema conflicting = SchemaBuilder.record("Warehouse").namespace("io.medallion.avro.silver").fields()
                .requiredString("site_code").endRecord();
        silver.registry().register("silver.warehouses-value", conflicting);
        GenericRecord envelope = Cdc.insert("warehouses", Samples.avroRow("warehouses", 1), 1L, Samples.COMMIT);
        byte[] bytes = silver.encode("warehouses", envelope);
        silver.pipeBytes("cdc.shop.warehouses", silver.encodeKey("warehouses", 1), bytes);
        pipeValidOrder(2);

        DeadLetter d = silver.deadLetters().get(0).value;
        assertThat(d.getFailureKind()).isEqualTo("production");
        assertThat(d.getSourceTopic()).isEqualTo("cdc.shop.warehouses");
        assertThat(d.getValue()).isEqualTo(ByteBuffer.wrap(bytes));
        assertThat(silver.silverValues("orders")).hasSize(1);
        assertThat(silver.counters().deadLetters()).containsEntry("production", 1L);
    }
}
