package io.medallion.sink;

import io.medallion.common.lifecycle.Health;
import io.medallion.sink.mapping.WireFormat;
import io.medallion.testkit.delta.DeltaTableSnapshot;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The bronze layer end to end: change envelopes on Kafka to bronze tables read back with Delta Kernel. */
class BronzeSinkIT {

    @TempDir
    Path lake;

    private SinkHarness h;

    @BeforeEach
    void setUp() {
        h = new SinkHarness(lake);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void every_change_lands_once_in_its_table_with_correct_metadata_columns() throws Exception {
        String schema = "it" + SinkHarness.unique();
        String ordersTopic = "cdc." + schema + ".orders";
        String eventsTopic = "cdc." + schema + ".web_events";
        h.createTopic(ordersTopic, 2);
        h.createTopic(eventsTopic, 1);
        h.createTopic("__debezium-heartbeat.cdc", 1);
        Schema orders = Envelopes.schema("orders", "{\"name\":\"order_id\",\"type\":\"long\"}",
                "{\"name\":\"status\",\"type\":[\"null\",\"string\"],\"default\":null}",
                "{\"name\":\"total\",\"type\":[\"null\",{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":12,\"scale\":2}],\"default\":null}",
                "{\"name\":\"placed_at\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-micros\"}}",
                "{\"name\":\"due\",\"type\":[\"null\",{\"type\":\"int\",\"logicalType\":\"date\"}],\"default\":null}");
        Schema events = Envelopes.schema("web_events", "{\"name\":\"id\",\"type\":\"long\"}",
                "{\"name\":\"price\",\"type\":[\"null\",\"string\"],\"default\":null}");
        long commitMs = 1_714_557_000_000L;
        Map<Long, String> expectedOps = new LinkedHashMap<>();
        int schemaId = -1;
        for (long id = 0; id < 20; id++) {
            String op = id % 10 == 9 ? "d" : id % 5 == 4 ? "u" : "c";
            GenericRecord change = Envelopes.change(orders, op, Map.of("order_id", id, "status", "S" + id,
                    "total", java.nio.ByteBuffer.wrap(new java.math.BigDecimal("12.34").unscaledValue().toByteArray()),
                    "placed_at", 1_714_500_000_000_000L + id, "due", 19_850), 1000 + id, 70 + id / 4, commitMs + id);
            byte[] value = h.serialize(ordersTopic, change);
            schemaId = WireFormat.schemaId(value);
            h.send(ordersTopic, (int) (id % 2), Long.toString(id).getBytes(), value);
            expectedOps.put(id, op);
        }
        for (long id = 0; id < 5; id++) {
            h.send(eventsTopic, 0, null, h.serialize(eventsTopic, Envelopes.change(events, "r", Map.of("id", id, "price", "19.990"), 1, 1, commitMs)));
        }
        h.send("__debezium-heartbeat.cdc", 0, null, new byte[]{1, 2, 3});

        SinkService sink = h.start(h.settings(Layer.BRONZE, "g-" + schema, List.of(),
                "medallion.sink.topic-pattern", "cdc\\." + schema + "\\..*|__debezium-heartbeat\\.cdc"));

        String ordersTable = "bronze/" + schema + "_orders";
        DeltaTableSnapshot snap = h.awaitRows(ordersTable, 20);
        DeltaTableSnapshot ev = h.awaitRows("bronze/" + schema + "_web_events", 5);
        assertThat(snap.rowCount()).isEqualTo(20);
        assertThat(snap.partitionColumns()).containsExactly("_ingestion_date");
        assertThat(snap.columnNames()).startsWith("order_id", "status", "total", "placed_at", "due", "_op", "_source_lsn",
                "_source_tx_id", "_source_ts", "_kafka_topic", "_kafka_partition", "_kafka_offset", "_schema_id",
                "_record_hash", "_batch_id", "_ingestion_ts", "_ingestion_date");
        for (Map<String, Object> r : snap.rows()) {
            long id = (Long) r.get("order_id");
            assertThat(r.get("_op")).isEqualTo(expectedOps.get(id));
            assertThat(r.get("status")).isEqualTo("S" + id);
            assertThat(r.get("total")).isEqualTo(new java.math.BigDecimal("12.34"));
            assertThat(r.get("placed_at")).isEqualTo(Instant.EPOCH.plusNanos((1_714_500_000_000_000L + id) * 1000));
            assertThat(r.get("due")).isEqualTo(LocalDate.ofEpochDay(19_850));
            assertThat(r.get("_source_lsn")).isEqualTo(1000 + id);
            assertThat(r.get("_source_tx_id")).isEqualTo(70 + id / 4);
            assertThat(r.get("_source_ts")).isEqualTo(Instant.ofEpochMilli(commitMs + id));
            assertThat(r.get("_kafka_topic")).isEqualTo(ordersTopic);
            assertThat(r.get("_kafka_partition")).isEqualTo((int) (id % 2));
            assertThat(r.get("_kafka_offset")).isEqualTo(id / 2);
            assertThat(r.get("_schema_id")).isEqualTo(schemaId);
            assertThat((String) r.get("_record_hash")).matches("[0-9a-f]{64}");
            assertThat(r.get("_batch_id")).isNotNull();
            Instant ingested = (Instant) r.get("_ingestion_ts");
            assertThat(ingested).isAfter(Instant.now().minus(Duration.ofMinutes(5)));
            assertThat(r.get("_ingestion_date")).isEqualTo(LocalDate.ofInstant(ingested, ZoneOffset.UTC));
        }
        assertThat(snap.rows()).extracting(r -> r.get("_record_hash")).doesNotHaveDuplicates();
        assertThat(ev.rows()).extracting(r -> r.get("price")).containsOnly("19.990");
        assertThat(Files.exists(h.table("bronze/" + schema + "_orders/_ingestion_date=" + LocalDate.now(ZoneOffset.UTC)))
                || Files.exists(h.table("bronze/" + schema + "_orders/_ingestion_date=" + LocalDate.now(ZoneOffset.UTC).minusDays(1)))).isTrue();
        try (Stream<Path> dirs = Files.list(h.table("bronze"))) {
            assertThat(dirs.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    schema + "_orders", schema + "_web_events");
        }

        String group = "g-" + schema;
        assertThat(h.kernel.latestTransactionVersion(h.table(ordersTable), group + ":" + ordersTopic + ":0")).contains(9L);
        assertThat(h.kernel.latestTransactionVersion(h.table(ordersTable), group + ":" + ordersTopic + ":1")).contains(9L);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<TopicPartition, OffsetAndMetadata> hint = h.broker.admin()
                    .listConsumerGroupOffsets(Map.of(group, new ListConsumerGroupOffsetsSpec())).partitionsToOffsetAndMetadata(group).get();
            assertThat(hint.get(new TopicPartition(ordersTopic, 0)).offset()).isEqualTo(10);
        });

        Health health = sink.health();
        assertThat(health.live()).isTrue();
        assertThat(health.ready()).isTrue();
        assertThat(sink.tableStats()).filteredOn(t -> t.table().equals(ordersTable))
                .singleElement().satisfies(t -> {
                    assertThat(t.rowsCommitted()).isEqualTo(20);
                    assertThat(t.filesCommitted()).isPositive();
                    assertThat(t.lastVersion()).isGreaterThanOrEqualTo(0);
                    assertThat(t.stopped()).isFalse();
                });
        assertThat(Files.exists(h.table("bronze/_sink_dead_letters/_delta_log"))).isFalse();
    }
}
