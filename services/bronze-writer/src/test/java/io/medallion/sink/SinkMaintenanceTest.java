package io.medallion.sink;

import io.medallion.common.config.Settings;
import io.medallion.sink.delta.LakehouseStorage;
import io.medallion.sink.delta.LakehouseTable;
import io.medallion.sink.delta.TableCommit;
import io.medallion.sink.delta.TableFile;
import io.medallion.sink.delta.VacuumResult;
import io.medallion.sink.mapping.BronzeMapper;
import io.medallion.sink.metrics.SinkMetrics;
import io.medallion.testkit.delta.DeltaKernelReader;
import io.medallion.testkit.delta.DeltaTableSnapshot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SinkMaintenanceTest {

    @TempDir
    Path dir;

    private final DeltaKernelReader kernel = new DeltaKernelReader();

    private StorageConfig config(String... extra) {
        Map<String, String> m = new java.util.HashMap<>(Map.of("medallion.sink.table-root", dir.toUri().toString(),
                "medallion.sink.maintenance.vacuum-retention-check", "false",
                "medallion.sink.maintenance.compact-min-files", "3"));
        for (int i = 0; i < extra.length; i += 2) {
            m.put(extra[i], extra[i + 1]);
        }
        return StorageConfig.from(Settings.of(m));
    }

    /** Maintenance whose clock is a minute ahead, so files written by the test are past a zero retention. */
    private SinkMaintenance later(LakehouseStorage storage) {
        return new SinkMaintenance(config(), storage, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1)));
    }

    /** A bronze table of {@code batches} small files, each a flush of 10 changes. */
    private void writeSmallFiles(LakehouseStorage storage, int batches) {
        Schema env = Envelopes.schema("orders", "{\"name\":\"order_id\",\"type\":\"long\"}",
                "{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}");
        TableWriter w = new TableWriter("bronze/shop_orders", storage.open("bronze/shop_orders"), new BronzeMapper(),
                new io.medallion.sink.parquet.BackgroundFiles(TestTables.parquet(), null), ".snappy", new FlushPolicy(1000, 1 << 20, Duration.ofSeconds(1)),
                new SinkMetrics(new SimpleMeterRegistry(), "bronze"), Clock.systemUTC(), "grp", Map.of(), FlushHooks.NONE, false);
        long offset = 0;
        for (int b = 0; b < batches; b++) {
            for (int i = 0; i < 10; i++, offset++) {
                ConsumerRecord<byte[], byte[]> r = new ConsumerRecord<>("cdc.shop.orders", 0, offset, new byte[0], new byte[1]);
                w.add(r, Envelopes.change(env, "c", Map.of("order_id", offset, "note", "n" + offset), offset, 1, 1_700_000_000_000L), 1);
                w.consumed(new TopicPartition("cdc.shop.orders", 0), offset, 1);
            }
            w.flush();
        }
    }

    private static List<Map<String, Object>> sorted(DeltaTableSnapshot snap) {
        return snap.rows().stream().sorted(Comparator.comparing(r -> (Long) r.get("_kafka_offset"))).toList();
    }

    @Test
    void compaction_rewrites_small_files_into_one_and_keeps_every_row_identical() {
        LakehouseStorage storage = TestTables.storage(dir);
        SinkMaintenance m = later(storage);
        writeSmallFiles(storage, 5);
        Path table = dir.resolve("bronze/shop_orders");
        List<Map<String, Object>> before = sorted(kernel.read(table));
        long offsetBefore = storage.open("bronze/shop_orders").committedOffset("grp:cdc.shop.orders:0").orElseThrow();

        SinkMaintenance.CompactionResult r = m.compact("shop_orders");

        assertThat(r.filesRemoved()).isEqualTo(5);
        assertThat(r.filesAdded()).isEqualTo(1);
        LakehouseTable t = storage.open("bronze/shop_orders");
        assertThat(t.files()).hasSize(1);
        List<Map<String, Object>> after = sorted(kernel.read(table));
        assertThat(after).hasSize(50);
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.get(i)).isEqualTo(before.get(i));
        }
        assertThat(t.committedOffset("grp:cdc.shop.orders:0")).hasValue(offsetBefore);

        VacuumResult v = m.vacuum("bronze/shop_orders", Duration.ZERO);
        assertThat(v.deletedFiles()).isEqualTo(5);
        assertThat(sorted(kernel.read(table))).isEqualTo(after);
    }

    @Test
    void compaction_waits_for_enough_small_files() {
        SinkMaintenance m = SinkMaintenance.open(config());
        writeSmallFiles(TestTables.storage(dir), 2);

        assertThat(m.compact("shop_orders").version()).isEmpty();
        assertThat(m.compact("shop_orders", 2).filesRemoved()).isEqualTo(2);
    }

    @Test
    void vacuum_refuses_a_short_retention_while_the_check_is_on() {
        SinkMaintenance m = SinkMaintenance.open(config("medallion.sink.maintenance.vacuum-retention-check", "true"));

        assertThatThrownBy(() -> m.vacuum("shop_orders", Duration.ofMinutes(5)))
                .hasMessageContaining("medallion.sink.maintenance.vacuum-retention-check");
    }

    @Test
    void table_names_stay_inside_the_layer() {
        SinkMaintenance m = SinkMaintenance.open(config());

        assertThat(m.qualified("shop_orders")).isEqualTo("bronze/shop_orders");
        assertThat(m.qualified("bronze/shop_orders")).isEqualTo("bronze/shop_orders");
        assertThatThrownBy(() -> m.qualified("silver/orders")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.qualified("../x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_cli_lists_compacts_and_vacuums_tables() {
        writeSmallFiles(TestTables.storage(dir), 3);
        Map<String, String> env = Map.of("MEDALLION_SINK_TABLE_ROOT", dir.toUri().toString(),
                "MEDALLION_SINK_MAINTENANCE_COMPACT_MIN_FILES", "3");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertThat(SinkMaintenanceCli.run(new String[]{"list"}, env, new PrintStream(out), new PrintStream(err))).isZero();
        assertThat(SinkMaintenanceCli.run(new String[]{"compact", "shop_orders"}, env, new PrintStream(out), new PrintStream(err))).isZero();
        assertThat(SinkMaintenanceCli.run(new String[]{"vacuum", "--all", "medallion.sink.maintenance.vacuum-retention=0s",
                "medallion.sink.maintenance.vacuum-retention-check=false"}, env, new PrintStream(out), new PrintStream(err))).isZero();
        assertThat(SinkMaintenanceCli.run(new String[]{"vacuum", "shop_orders", "medallion.sink.maintenance.vacuum-retention=0s"},
                env, new PrintStream(out), new PrintStream(err))).isEqualTo(1);

        assertThat(out.toString()).contains("bronze/shop_orders\n", "compacted 3 files into 1", "deleted 3 files");
        assertThat(err.toString()).contains("medallion.sink.maintenance.vacuum-retention");
        assertThat(kernel.rowCount(dir.resolve("bronze/shop_orders"))).isEqualTo(30);
    }

    @Test
    void vacuum_removes_an_orphan_of_an_interrupted_flush_and_nothing_referenced() {
        LakehouseStorage storage = TestTables.storage(dir);
        SinkMaintenance m = later(storage);
        writeSmallFiles(storage, 1);
        LakehouseTable t = storage.open("bronze/shop_orders");
        TableFile live = t.files().get(0);
        // An interrupted flush: a complete Parquet file that no commit references.
        var schema = t.schema().orElseThrow();
        TestTables.dataFile(t.location() + "/_ingestion_date=" + live.partitionValues().get("_ingestion_date"), schema,
                List.<Object[]>of(new Object[schema.columns().size()]));
        t.commit((o, s) -> Optional.<TableCommit>empty());

        VacuumResult v = m.vacuum("shop_orders", Duration.ZERO);

        assertThat(v.deletedFiles()).isEqualTo(1);
        assertThat(t.files()).containsExactly(live);
        assertThat(kernel.rowCount(dir.resolve("bronze/shop_orders"))).isEqualTo(10);
    }
}
