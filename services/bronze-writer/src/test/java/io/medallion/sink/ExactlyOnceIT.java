package io.medallion.sink;

import io.medallion.sink.delta.VacuumResult;
import io.medallion.testkit.delta.DeltaTableSnapshot;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Crashes at each point of the flush path, then a restart: the table ends with every record
 * exactly once. A crash is an {@link Error} thrown from a {@link FlushHooks} point: the sink's
 * thread dies there without flushing or committing anything more, as a killed process would.
 */
class ExactlyOnceIT {

    private static final Schema ORDERS = Envelopes.schema("orders", "{\"name\":\"order_id\",\"type\":\"long\"}");
    private static final int PARTITIONS = 3;
    private static final int PER_PARTITION = 200;

    @TempDir
    Path lake;

    private SinkHarness h;
    private String topic;
    private String table;
    private Map<String, String> settings;

    @BeforeEach
    void setUp() {
        h = new SinkHarness(lake);
        String schema = "eo" + SinkHarness.unique();
        topic = "cdc." + schema + ".orders";
        table = "bronze/" + schema + "_orders";
        h.createTopic(topic, PARTITIONS);
        settings = h.settings(Layer.BRONZE, "g-" + schema, List.of(topic), "medallion.sink.flush.max-records", "150");
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private void produce(int from, int to) {
        for (int p = 0; p < PARTITIONS; p++) {
            for (int i = from; i < to; i++) {
                long id = p * 100_000L + i;
                h.sendAsync(topic, p, null, h.serialize(topic, Envelopes.change(ORDERS, "c", Map.of("order_id", id), id, 1, 1L)));
            }
        }
        h.flush();
    }

    /** Every (partition, offset) of the topic exactly once, and the txn versions at the end of each partition. */
    private void assertExactlyOnce(DeltaTableSnapshot snap, int perPartition) {
        Map<String, Long> counts = snap.rows().stream().collect(Collectors.groupingBy(
                r -> r.get("_kafka_partition") + "@" + r.get("_kafka_offset"), Collectors.counting()));
        assertThat(counts.values()).as("no duplicate").allMatch(c -> c == 1);
        assertThat(snap.rowCount()).as("no gap").isEqualTo(PARTITIONS * perPartition);
        for (int p = 0; p < PARTITIONS; p++) {
            assertThat(h.kernel.latestTransactionVersion(h.table(table), settings.get("medallion.sink.group-id") + ":" + topic + ":" + p))
                    .contains((long) perPartition - 1);
        }
    }

    private FlushHooks crashOnce(String point) {
        AtomicBoolean crashed = new AtomicBoolean();
        return new FlushHooks() {
            @Override
            public void beforeWrite(String t) {
                crashIf("before-write");
            }

            @Override
            public void afterFileWritten(String t, String file) {
                crashIf("after-write");
            }

            @Override
            public void afterCommit(String t, long version) {
                // Kafka's offsets are not committed yet: only the table's txn keeps the restart from re-reading.
                crashIf("after-commit");
            }

            private void crashIf(String here) {
                if (here.equals(point) && crashed.compareAndSet(false, true)) {
                    throw new SimulatedCrash(here);
                }
            }
        };
    }

    private void crashThenRestart(String point) {
        produce(0, PER_PARTITION);
        SinkService first = h.start(settings, crashOnce(point));
        await().atMost(Duration.ofSeconds(60)).until(() -> !first.health().live());
        assertThat(first.health().details().get("error")).asString().contains("simulated crash at " + point);
        first.close();

        h.start(settings);
        assertExactlyOnce(h.awaitRows(table, PARTITIONS * PER_PARTITION), PER_PARTITION);
    }

    @Test
    void a_crash_before_the_parquet_write_loses_and_duplicates_nothing() {
        crashThenRestart("before-write");
    }

    @Test
    void a_crash_between_file_write_and_commit_leaves_an_orphan_that_vacuum_removes() throws IOException {
        crashThenRestart("after-write");

        List<Path> onDisk = parquetFiles();
        int referenced = TestTables.storage(lake).open(table).files().size();
        assertThat(onDisk).as("the interrupted flush's file is on disk, referenced by no version").hasSize(referenced + 1);
        DeltaTableSnapshot before = h.kernel.read(h.table(table));
        SinkMaintenance maintenance = SinkMaintenance.open(SinkConfig.from(io.medallion.common.config.Settings.of(settings)).storage());
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            VacuumResult r = maintenance.vacuum(table, Duration.ZERO);
            return r.deletedFiles() >= 1;
        });
        DeltaTableSnapshot after = h.kernel.read(h.table(table));
        assertThat(after.rows()).containsExactlyInAnyOrderElementsOf(before.rows());
        assertThat(parquetFiles()).hasSize(referenced);
    }

    @Test
    void a_crash_after_the_commit_before_kafka_offsets_are_committed_duplicates_nothing() {
        crashThenRestart("after-commit");
    }

    @Test
    void a_clean_restart_continues_where_the_table_ends() {
        produce(0, PER_PARTITION / 2);
        SinkService first = h.start(settings);
        h.awaitRows(table, PARTITIONS * PER_PARTITION / 2);
        first.close();
        assertThat(first.health().state()).isEqualTo("STOPPED");
        produce(PER_PARTITION / 2, PER_PARTITION);

        h.start(settings);

        assertExactlyOnce(h.awaitRows(table, PARTITIONS * PER_PARTITION), PER_PARTITION);
    }

    private List<Path> parquetFiles() throws IOException {
        try (Stream<Path> files = Files.walk(h.table(table))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".parquet") && !p.toString().contains("_delta_log"))
                    .toList();
        }
    }

    static final class SimulatedCrash extends Error {
        SimulatedCrash(String point) {
            super("simulated crash at " + point);
        }
    }
}
