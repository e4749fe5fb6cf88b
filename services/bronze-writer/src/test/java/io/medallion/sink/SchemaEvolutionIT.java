package io.medallion.sink;

import io.medallion.registry.client.CompatibilityLevel;
import io.medallion.testkit.delta.DeltaTableSnapshot;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A compatible schema change widens the table; an incompatible one stops only that table, nothing lost. */
class SchemaEvolutionIT {

    private static final String ID = "{\"name\":\"order_id\",\"type\":\"long\"}";
    private static final Schema V1 = Envelopes.schema("orders", ID);
    private static final Schema V2 = Envelopes.schema("orders", ID,
            "{\"name\":\"coupon\",\"type\":[\"null\",\"string\"],\"default\":null}");
    private static final Schema V3 = Envelopes.schema("orders", "{\"name\":\"order_id\",\"type\":\"string\"}");
    private static final Schema CUSTOMERS = Envelopes.schema("customers", "{\"name\":\"customer_id\",\"type\":\"long\"}");

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
    void a_new_optional_field_adds_a_column_and_an_incompatible_change_stops_only_its_table() {
        String schema = "se" + SinkHarness.unique();
        String orders = "cdc." + schema + ".orders";
        String customers = "cdc." + schema + ".customers";
        String ordersTable = "bronze/" + schema + "_orders";
        String customersTable = "bronze/" + schema + "_customers";
        h.createTopic(orders, 1);
        h.createTopic(customers, 1);
        h.registry().setCompatibility(orders + "-value", CompatibilityLevel.NONE);
        Map<String, String> settings = h.settings(Layer.BRONZE, "g-" + schema, List.of(orders, customers));

        SinkService sink = h.start(settings);
        for (long id = 0; id < 3; id++) {
            h.send(orders, 0, null, h.serialize(orders, Envelopes.change(V1, "c", Map.of("order_id", id), id, 1, 1L)));
        }
        h.awaitRows(ordersTable, 3);
        h.send(orders, 0, null, h.serialize(orders, Envelopes.change(V2, "c", Map.of("order_id", 3L, "coupon", "SPRING"), 3, 1, 1L)));
        h.send(orders, 0, null, h.serialize(orders, Envelopes.change(V2, "c", Map.of("order_id", 4L), 4, 1, 1L)));
        DeltaTableSnapshot widened = h.awaitRows(ordersTable, 5);
        assertThat(widened.columnNames()).contains("coupon");
        assertThat(widened.rows()).extracting(r -> r.get("order_id") + ":" + r.get("coupon"))
                .containsExactlyInAnyOrder("0:null", "1:null", "2:null", "3:SPRING", "4:null");

        h.send(orders, 0, null, h.serialize(orders, Envelopes.change(V3, "c", Map.of("order_id", "five"), 5, 1, 1L)));
        h.send(orders, 0, null, h.serialize(orders, Envelopes.change(V1, "c", Map.of("order_id", 6L), 6, 1, 1L)));
        h.send(orders, 0, null, h.serialize(orders, Envelopes.change(V2, "c", Map.of("order_id", 7L), 7, 1, 1L)));
        for (long id = 0; id < 4; id++) {
            h.send(customers, 0, null, h.serialize(customers, Envelopes.change(CUSTOMERS, "c", Map.of("customer_id", id), id, 1, 1L)));
        }

        DeltaTableSnapshot dead = h.awaitRows("bronze/_sink_dead_letters", 3);
        h.awaitRows(customersTable, 4);
        assertThat(dead.rows()).extracting(r -> r.get("source_offset")).containsExactlyInAnyOrder(5L, 6L, 7L);
        assertThat(dead.rows()).extracting(r -> r.get("failure_kind")).containsOnly("schema_incompatible");
        Map<String, Object> first = dead.rows().stream().filter(r -> r.get("source_offset").equals(5L)).findFirst().orElseThrow();
        assertThat((String) first.get("reason")).contains("'order_id'", "long", "string");
        assertThat(dead.rows()).filteredOn(r -> r.get("source_offset").equals(6L)).singleElement()
                .satisfies(r -> assertThat((String) r.get("reason")).contains("is stopped"));
        assertThat(h.kernel.read(h.table(ordersTable)).rowCount()).isEqualTo(5);
        // The table's offsets move past what was set aside: it is in the dead-letter table, and a restart resumes after it.
        await().atMost(Duration.ofSeconds(30)).until(() -> h.kernel.latestTransactionVersion(h.table(ordersTable),
                "g-" + schema + ":" + orders + ":0").orElse(-1L) == 7L);
        assertThat(sink.health().live()).isTrue();
        assertThat(sink.health().details().get("stoppedTables")).asString().contains(ordersTable);
        assertThat(sink.tableStats()).filteredOn(TableStats::stopped).extracting(TableStats::table).containsExactly(ordersTable);

        // The producer goes back to a compatible schema and the sink is restarted: the table runs again.
        sink.close();
        h.send(orders, 0, null, h.serialize(orders, Envelopes.change(V2, "c", Map.of("order_id", 8L, "coupon", "BACK"), 8, 1, 1L)));
        SinkService restarted = h.start(settings);
        DeltaTableSnapshot resumed = h.awaitRows(ordersTable, 6);
        assertThat(resumed.rows()).extracting(r -> r.get("order_id")).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 8L);
        assertThat(restarted.tableStats()).noneMatch(TableStats::stopped);
        assertThat(h.kernel.rowCount(h.table("bronze/_sink_dead_letters"))).isEqualTo(3);
    }
}
