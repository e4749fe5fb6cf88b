package io.medallion.sink;

import io.medallion.sink.delta.VacuumResult;
import io.medallion.testkit.delta.DeltaTableSnapshot;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Compaction and VACUUM on a table the sink is writing: the rows stay exactly the same. */
class MaintenanceIT {

    private static final Schema ORDERS = Envelopes.schema("orders", "{\"name\":\"order_id\",\"type\":\"long\"}",
            "{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}");

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

    private static List<Map<String, Object>> byOffset(DeltaTableSnapshot s) {
        return s.rows().stream().sorted(Comparator.comparing(r -> (Long) r.get("_kafka_offset"))).toList();
    }

    @Test
    void compaction_and_vacuum_keep_the_table_content_identical_while_the_sink_writes() {
        String schema = "mt" + SinkHarness.unique();
        String topic = "cdc." + schema + ".orders";
        String table = "bronze/" + schema + "_orders";
        h.createTopic(topic, 1);
        SinkService sink = h.start(h.settings(Layer.BRONZE, "g-" + schema, List.of(topic),
                "medallion.sink.flush.max-records", "20", "medallion.sink.maintenance.compact-min-files", "5"));
        for (long id = 0; id < 200; id++) {
            h.sendAsync(topic, 0, null, h.serialize(topic, Envelopes.change(ORDERS, "c", Map.of("order_id", id, "note", "n" + id), id, 1, 1L)));
            if (id % 20 == 19) {
                h.flush();
                h.awaitRows(table, (int) id + 1);
            }
        }
        List<Map<String, Object>> before = byOffset(h.awaitRows(table, 200));
        int filesBefore = TestTables.storage(lake).open(table).files().size();

        // More rows arrive while compaction runs: its rewrite must not conflict with the appends.
        for (long id = 200; id < 260; id++) {
            h.sendAsync(topic, 0, null, h.serialize(topic, Envelopes.change(ORDERS, "c", Map.of("order_id", id), id, 1, 1L)));
        }
        h.flush();
        SinkMaintenance.CompactionResult compacted = sink.maintenance().compact(table.substring("bronze/".length()));
        List<Map<String, Object>> after = byOffset(h.awaitRows(table, 260));

        assertThat(filesBefore).isGreaterThanOrEqualTo(10);
        assertThat(compacted.filesRemoved()).isGreaterThanOrEqualTo(10);
        assertThat(compacted.filesAdded()).isEqualTo(1);
        assertThat(after.subList(0, 200)).isEqualTo(before);
        assertThat(after).extracting(r -> r.get("order_id")).doesNotHaveDuplicates().hasSize(260);

        VacuumResult vacuumed = sink.maintenance().vacuum(table, Duration.ZERO);
        assertThat(vacuumed.deletedFiles()).isGreaterThanOrEqualTo(compacted.filesRemoved());
        assertThat(byOffset(h.kernel.read(h.table(table)))).isEqualTo(after);
        sink.maintenance().checkpoint(table);
        assertThat(byOffset(h.kernel.read(h.table(table)))).isEqualTo(after);
    }
}
