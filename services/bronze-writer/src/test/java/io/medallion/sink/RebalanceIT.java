package io.medallion.sink;

import io.medallion.testkit.delta.DeltaTableSnapshot;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Two instances in one group write one table while partitions move between them. */
class RebalanceIT {

    private static final Schema EVENTS = Envelopes.schema("web_events", "{\"name\":\"id\",\"type\":\"long\"}");
    private static final int PARTITIONS = 4;

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
    void no_duplicate_and_no_gap_when_a_second_instance_joins_and_the_first_leaves() throws Exception {
        String schema = "rb" + SinkHarness.unique();
        String topic = "cdc." + schema + ".web_events";
        String table = "bronze/" + schema + "_web_events";
        h.createTopic(topic, PARTITIONS);
        Map<String, String> settings = h.settings(Layer.BRONZE, "g-" + schema, List.of(topic),
                "medallion.sink.flush.max-records", "200");
        int[] produced = {0};
        AtomicBoolean producing = new AtomicBoolean(true);
        Thread producer = new Thread(() -> {
            while (producing.get()) {
                for (int i = 0; i < 100; i++, produced[0]++) {
                    long id = produced[0];
                    h.sendAsync(topic, (int) (id % PARTITIONS), null,
                            h.serialize(topic, Envelopes.change(EVENTS, "c", Map.of("id", id), id, 1, 1L)));
                }
                h.flush();
                sleep(20);
            }
        }, "rebalance-producer");

        SinkService a = h.start(settings);
        producer.start();
        h.awaitTable(table, s -> s.rowCount() > 500);
        SinkService b = h.start(settings);
        h.awaitTable(table, s -> s.rowCount() > 3_000);
        a.close();
        h.awaitTable(table, s -> s.rowCount() > 5_000);
        producing.set(false);
        producer.join();
        int total = produced[0];

        DeltaTableSnapshot snap = h.awaitTable(table, s -> s.rowCount() >= total);
        Map<Long, Long> perId = snap.rows().stream().collect(Collectors.groupingBy(r -> (Long) r.get("id"), Collectors.counting()));
        assertThat(perId.values()).as("no duplicate").allMatch(c -> c == 1);
        assertThat(perId).as("no gap").hasSize(total);
        assertThat(b.health().live()).isTrue();
        assertThat(a.tableStats()).filteredOn(t -> t.table().equals(table)).singleElement()
                .satisfies(t -> assertThat(t.rowsCommitted()).isPositive());
        assertThat(b.tableStats()).filteredOn(t -> t.table().equals(table)).singleElement()
                .satisfies(t -> assertThat(t.rowsCommitted()).isPositive());
        for (int p = 0; p < PARTITIONS; p++) {
            Integer partition = p;
            long last = snap.rows().stream().filter(r -> r.get("_kafka_partition").equals(partition))
                    .mapToLong(r -> (Long) r.get("_kafka_offset")).max().orElseThrow();
            assertThat(h.kernel.latestTransactionVersion(h.table(table), "g-" + schema + ":" + topic + ":" + p)).contains(last);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
