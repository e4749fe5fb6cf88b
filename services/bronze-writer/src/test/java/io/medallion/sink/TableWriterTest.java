package io.medallion.sink;

import io.medallion.common.deadletter.FailureKind;
import io.medallion.sink.delta.LakehouseTable;
import io.medallion.sink.mapping.BronzeMapper;
import io.medallion.sink.mapping.ContractMapper;
import io.medallion.sink.mapping.LayerMapper;
import io.medallion.sink.metrics.SinkMetrics;
import io.medallion.sink.parquet.BackgroundFiles;
import io.medallion.testkit.delta.DeltaKernelReader;
import io.medallion.testkit.delta.DeltaTableSnapshot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableWriterTest {

    private static final String TOPIC = "silver.items";
    private static final Schema V1 = new Schema.Parser().parse("""
            {"type":"record","name":"Item","namespace":"t","fields":[{"name":"id","type":"long"},{"name":"name","type":"string"}]}""");
    private static final Schema V2 = new Schema.Parser().parse("""
            {"type":"record","name":"Item","namespace":"t","fields":[{"name":"id","type":"long"},{"name":"name","type":"string"},
             {"name":"colour","type":["null","string"],"default":null}]}""");
    private static final Schema BAD = new Schema.Parser().parse("""
            {"type":"record","name":"Item","namespace":"t","fields":[{"name":"id","type":"string"}]}""");

    @TempDir
    Path dir;

    private final DeltaKernelReader kernel = new DeltaKernelReader();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Clock clock = Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC);

    private TableWriter writer(String table, LayerMapper mapper, FlushHooks hooks) {
        return writer(table, mapper, hooks, false);
    }

    private TableWriter writer(String table, LayerMapper mapper, FlushHooks hooks, boolean retainRows) {
        return new TableWriter(table, TestTables.storage(dir).open(table), mapper, new BackgroundFiles(TestTables.parquet(), null),
                ".snappy", new FlushPolicy(1000, 1 << 20, Duration.ofSeconds(1)), new SinkMetrics(meters, "silver"), clock, "grp",
                Map.of("service", "bronze-writer[silver]"), hooks, retainRows);
    }

    private static GenericRecord item(Schema schema, long id, String name) {
        GenericRecord r = new GenericData.Record(schema);
        r.put("id", id);
        if (schema.getField("name") != null) {
            r.put("name", name);
        }
        return r;
    }

    private static ConsumerRecord<byte[], byte[]> rec(int partition, long offset) {
        return new ConsumerRecord<>(TOPIC, partition, offset, new byte[0], new byte[10]);
    }

    private static void add(TableWriter w, Schema schema, int schemaId, int partition, long offset) {
        assertThat(w.add(rec(partition, offset), item(schema, offset * 10 + partition, "n" + offset), schemaId)).isEmpty();
        w.consumed(new TopicPartition(TOPIC, partition), offset, 10);
    }

    @Test
    void a_flush_commits_every_row_with_the_last_offset_of_each_partition() {
        TableWriter w = writer("silver/items", new ContractMapper(), FlushHooks.NONE);
        for (long o = 0; o < 3; o++) {
            add(w, V1, 1, 0, o);
            add(w, V1, 1, 1, o + 100);
        }

        TableWriter.FlushResult result = w.flush();

        assertThat(result.version()).hasValue(0);
        assertThat(result.rows()).isEqualTo(6);
        DeltaTableSnapshot snap = kernel.read(dir.resolve("silver/items"));
        assertThat(snap.rows()).extracting(r -> r.get("id")).containsExactlyInAnyOrder(0L, 10L, 20L, 1001L, 1011L, 1021L);
        assertThat(kernel.latestTransactionVersion(dir.resolve("silver/items"), "grp:silver.items:0")).contains(2L);
        assertThat(kernel.latestTransactionVersion(dir.resolve("silver/items"), "grp:silver.items:1")).contains(102L);
        assertThat(w.knownCommittedOffset(new TopicPartition(TOPIC, 1))).isEqualTo(102);
        assertThat(w.stats().rowsCommitted()).isEqualTo(6);
        assertThat(w.stats().filesCommitted()).isEqualTo(1);
        assertThat(meters.get("medallion.sink.records.out").counter().count()).isEqualTo(6);
        assertThat(w.hasPending()).isFalse();
    }

    @Test
    void rows_another_writer_committed_meanwhile_are_left_out_and_the_partition_is_reported_for_reseek() {
        TableWriter zombie = writer("silver/items", new ContractMapper(), FlushHooks.NONE);
        TableWriter owner = writer("silver/items", new ContractMapper(), FlushHooks.NONE);
        for (long o = 0; o < 5; o++) {
            add(zombie, V1, 1, 0, o);
        }
        for (long o = 0; o < 8; o++) {
            add(owner, V1, 1, 0, o);
        }
        owner.flush();

        TableWriter.FlushResult late = zombie.flush();

        assertThat(late.version()).isEmpty();
        assertThat(late.reseek()).containsExactly(new TopicPartition(TOPIC, 0));
        assertThat(zombie.knownCommittedOffset(new TopicPartition(TOPIC, 0))).isEqualTo(7);
        assertThat(kernel.rowCount(dir.resolve("silver/items"))).isEqualTo(8);
        assertThat(kernel.latestTransactionVersion(dir.resolve("silver/items"), "grp:silver.items:0")).contains(7L);
    }

    @Test
    void a_batch_overlapping_what_another_writer_committed_is_abandoned_and_read_again_from_the_table_offsets() {
        TableWriter first = writer("silver/items", new ContractMapper(), FlushHooks.NONE);
        TableWriter second = writer("silver/items", new ContractMapper(), FlushHooks.NONE);
        for (long o = 0; o < 4; o++) {
            add(first, V1, 1, 0, o);
        }
        for (long o = 0; o < 10; o++) {
            add(second, V1, 1, 0, o);
        }
        first.flush();

        TableWriter.FlushResult abandoned = second.flush();

        assertThat(abandoned.version()).isEmpty();
        assertThat(abandoned.reseek()).containsExactly(new TopicPartition(TOPIC, 0));
        assertThat(second.knownCommittedOffset(new TopicPartition(TOPIC, 0))).isEqualTo(3);
        assertThat(kernel.rowCount(dir.resolve("silver/items"))).isEqualTo(4);
        // The sink seeks to offset 4 and reads the rest again.
        for (long o = 4; o < 10; o++) {
            add(second, V1, 1, 0, o);
        }
        assertThat(second.flush().rows()).isEqualTo(6);
        DeltaTableSnapshot snap = kernel.read(dir.resolve("silver/items"));
        assertThat(snap.rows()).extracting(x -> x.get("id")).containsExactlyInAnyOrder(0L, 10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L, 90L);
        assertThat(meters.get("medallion.sink.commit.skipped.records").counter().count()).isEqualTo(10);
        try (Stream<Path> files = Files.list(dir.resolve("silver/items"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".parquet"))).as("the abandoned file is deleted").hasSize(2);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void a_writer_that_keeps_its_rows_leaves_out_those_already_committed() {
        TableWriter first = writer("silver/items", new ContractMapper(), FlushHooks.NONE, true);
        TableWriter second = writer("silver/items", new ContractMapper(), FlushHooks.NONE, true);
        for (long o = 0; o < 4; o++) {
            add(first, V1, 1, 0, o);
        }
        for (long o = 0; o < 10; o++) {
            add(second, V1, 1, 0, o);
        }
        first.flush();

        TableWriter.FlushResult r = second.flush();

        assertThat(r.rows()).isEqualTo(6);
        assertThat(r.reseek()).isEmpty();
        DeltaTableSnapshot snap = kernel.read(dir.resolve("silver/items"));
        assertThat(snap.rows()).extracting(x -> x.get("id")).containsExactlyInAnyOrder(0L, 10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L, 90L);
    }

    @Test
    void a_new_optional_field_adds_a_column_in_the_commit_of_its_first_rows() {
        TableWriter w = writer("silver/items", new ContractMapper(), FlushHooks.NONE);
        add(w, V1, 1, 0, 0);
        w.flush();
        add(w, V1, 1, 0, 1);
        GenericRecord v2 = item(V2, 2, "two");
        v2.put("colour", "red");
        // The batch's file has the old columns: it is committed before the first row with the new one.
        assertThat(w.needsFlushBefore(v2, 2)).isTrue();
        w.flush();
        assertThat(w.add(rec(0, 2), v2, 2)).isEmpty();
        w.consumed(new TopicPartition(TOPIC, 0), 2, 10);
        add(w, V1, 1, 0, 3);
        assertThat(w.needsFlushBefore(item(V1, 4, "x"), 1)).isFalse();

        w.flush();

        DeltaTableSnapshot snap = kernel.read(dir.resolve("silver/items"));
        assertThat(snap.columnNames()).containsExactly("id", "name", "colour");
        assertThat(snap.rows()).extracting(r -> r.get("id") + ":" + r.get("colour"))
                .containsExactlyInAnyOrder("0:null", "10:null", "2:red", "30:null");
    }

    @Test
    void an_incompatible_schema_is_rejected_with_the_reason() {
        TableWriter w = writer("silver/items", new ContractMapper(), FlushHooks.NONE);
        add(w, V1, 1, 0, 0);

        Optional<TableWriter.Rejection> r = w.add(rec(0, 1), item(BAD, 1, null), 3);

        assertThat(r).isPresent();
        assertThat(r.get().kind()).isEqualTo(FailureKind.SCHEMA_INCOMPATIBLE);
        assertThat(r.get().reason()).contains("'id'", "long", "string");
        w.stop(r.get().reason());
        assertThat(w.stats().stoppedReason()).contains(r.get().reason());
    }

    @Test
    void consumed_records_without_rows_still_advance_the_offsets_of_an_existing_table() {
        TableWriter w = writer("silver/items", new ContractMapper(), FlushHooks.NONE);
        add(w, V1, 1, 0, 0);
        w.flush();
        w.consumed(new TopicPartition(TOPIC, 0), 1, 10);
        w.consumed(new TopicPartition(TOPIC, 0), 2, 10);

        TableWriter.FlushResult r = w.flush();

        assertThat(r.version()).hasValue(1);
        assertThat(kernel.latestTransactionVersion(dir.resolve("silver/items"), "grp:silver.items:0")).contains(2L);
        assertThat(kernel.rowCount(dir.resolve("silver/items"))).isEqualTo(1);
    }

    @Test
    void without_any_row_ever_there_is_no_table_to_commit_to() {
        TableWriter w = writer("silver/items", new ContractMapper(), FlushHooks.NONE);
        w.consumed(new TopicPartition(TOPIC, 0), 0, 10);

        assertThat(w.flush().version()).isEmpty();
        assertThat(dir.resolve("silver/items/_delta_log")).doesNotExist();
    }

    @Test
    void a_crash_between_file_write_and_commit_leaves_the_table_untouched() throws Exception {
        FlushHooks crash = new FlushHooks() {
            @Override
            public void afterFileWritten(String table, String fileUri) {
                throw new SimulatedCrash();
            }
        };
        TableWriter w = writer("silver/items", new ContractMapper(), crash);
        add(w, V1, 1, 0, 0);

        assertThatThrownBy(w::flush).isInstanceOf(SimulatedCrash.class);

        assertThat(dir.resolve("silver/items/_delta_log")).doesNotExist();
        try (Stream<Path> files = Files.list(dir.resolve("silver/items"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".parquet"))).hasSize(1);
        }
        LakehouseTable t = TestTables.storage(dir).open("silver/items");
        assertThat(t.committedOffset("grp:silver.items:0")).isEmpty();
    }

    @Test
    void bronze_batches_are_one_file_in_their_ingestion_date_partition() throws Exception {
        Schema env = Envelopes.schema("orders", "{\"name\":\"order_id\",\"type\":\"long\"}");
        TableWriter w = writer("bronze/shop_orders", new BronzeMapper(), FlushHooks.NONE);
        for (long o = 0; o < 3; o++) {
            ConsumerRecord<byte[], byte[]> r = new ConsumerRecord<>("cdc.shop.orders", 0, o, new byte[0], new byte[10]);
            assertThat(w.add(r, Envelopes.change(env, "c", Map.of("order_id", o), 100 + o, 5, 1_714_557_000_000L), 4)).isEmpty();
            w.consumed(new TopicPartition("cdc.shop.orders", 0), o, 10);
        }

        w.flush();

        try (Stream<Path> files = Files.list(dir.resolve("bronze/shop_orders/_ingestion_date=2024-05-01"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".parquet"))).hasSize(1);
        }
        DeltaTableSnapshot snap = kernel.read(dir.resolve("bronze/shop_orders"));
        assertThat(snap.partitionColumns()).containsExactly("_ingestion_date");
        assertThat(snap.rows()).allSatisfy(r -> {
            assertThat(r.get("_ingestion_date")).isEqualTo(java.time.LocalDate.of(2024, 5, 1));
            assertThat(r.get("_ingestion_ts")).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
            assertThat(r.get("_source_ts")).isEqualTo(Instant.ofEpochMilli(1_714_557_000_000L));
        });
        assertThat(snap.rows()).extracting(r -> r.get("_kafka_offset")).containsExactlyInAnyOrder(0L, 1L, 2L);
        assertThat(snap.rows()).extracting(r -> r.get("_batch_id")).containsOnly(snap.rows().get(0).get("_batch_id"));
    }

    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash");
        }
    }
}
