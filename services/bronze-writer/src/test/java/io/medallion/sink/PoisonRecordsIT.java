package io.medallion.sink;

import io.medallion.testkit.delta.DeltaTableSnapshot;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Records the sink cannot write go to the layer's dead-letter table, raw bytes and reason kept; the rest flows on. */
class PoisonRecordsIT {

    private static final Schema ORDERS = Envelopes.schema("orders", "{\"name\":\"order_id\",\"type\":\"long\"}");

    @TempDir
    Path lake;

    private SinkHarness h;
    private String topic;
    private String table;
    private Map<String, String> settings;

    @BeforeEach
    void setUp() {
        h = new SinkHarness(lake);
        String schema = "pz" + SinkHarness.unique();
        topic = "cdc." + schema + ".orders";
        table = "bronze/" + schema + "_orders";
        h.createTopic(topic, 1);
        settings = h.settings(Layer.BRONZE, "g-" + schema, List.of(topic));
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private byte[] good(long id) {
        return h.serialize(topic, Envelopes.change(ORDERS, "c", Map.of("order_id", id), id, 1, 1L));
    }

    /** Offsets 0..9 good except 2 (JSON), 4 (unknown schema id), 6 (corrupt Avro), 8 (tombstone). */
    private Map<Long, byte[]> producePoison() {
        byte[] json = "{\"order_id\": 2}".getBytes(StandardCharsets.UTF_8);
        byte[] unknownId = good(4).clone();
        unknownId[1] = 0x7f;
        byte[] corrupt = good(6).clone();
        corrupt[5] = (byte) 0xff;
        Map<Long, byte[]> poison = Map.of(2L, json, 4L, unknownId, 6L, corrupt);
        for (long o = 0; o < 10; o++) {
            byte[] value = poison.getOrDefault(o, o == 8 ? null : good(o));
            h.send(topic, 0, ("k" + o).getBytes(StandardCharsets.UTF_8), value);
        }
        return poison;
    }

    @Test
    void undecodable_and_unmappable_records_become_dead_letters_with_raw_bytes_and_reason() {
        Map<Long, byte[]> poison = producePoison();

        SinkService sink = h.start(settings);

        DeltaTableSnapshot rows = h.awaitRows(table, 6);
        assertThat(rows.rows()).extracting(r -> r.get("order_id")).containsExactlyInAnyOrder(0L, 1L, 3L, 5L, 7L, 9L);
        DeltaTableSnapshot dead = h.awaitRows("bronze/_sink_dead_letters", 4);
        Map<Long, Map<String, Object>> byOffset = dead.rows().stream()
                .collect(Collectors.toMap(r -> (Long) r.get("source_offset"), r -> r));
        assertThat(byOffset).containsOnlyKeys(2L, 4L, 6L, 8L);
        assertThat(byOffset.get(2L).get("failure_kind")).isEqualTo("deserialization");
        assertThat((String) byOffset.get(2L).get("reason")).contains("magic byte");
        assertThat(byOffset.get(4L).get("failure_kind")).isEqualTo("deserialization");
        assertThat(byOffset.get(6L).get("failure_kind")).isEqualTo("deserialization");
        assertThat(byOffset.get(8L).get("failure_kind")).isEqualTo("mapping");
        assertThat((String) byOffset.get(8L).get("reason")).contains("tombstone");
        for (long o : List.of(2L, 4L, 6L)) {
            Map<String, Object> r = byOffset.get(o);
            assertThat((byte[]) r.get("value")).isEqualTo(poison.get(o));
            assertThat((byte[]) r.get("key")).isEqualTo(("k" + o).getBytes(StandardCharsets.UTF_8));
            assertThat(r.get("source_topic")).isEqualTo(topic);
            assertThat(r.get("source_partition")).isEqualTo(0);
            assertThat(r.get("service")).isEqualTo("bronze-writer[bronze]");
            assertThat((Instant) r.get("failed_at")).isAfter(Instant.now().minus(Duration.ofMinutes(5)));
            assertThat(r.get("source_timestamp")).isNotNull();
        }
        assertThat(byOffset.get(8L).get("value")).isNull();
        assertThat(sink.health().live()).isTrue();
        assertThat(h.kernel.latestTransactionVersion(h.table(table), settings.get("medallion.sink.group-id") + ":" + topic + ":0")).contains(9L);
        assertThat(h.kernel.latestTransactionVersion(h.table("bronze/_sink_dead_letters"),
                settings.get("medallion.sink.group-id") + ":" + topic + ":0")).contains(8L);
    }

    @Test
    void a_crash_after_the_dead_letter_commit_writes_no_dead_letter_twice() {
        producePoison();
        AtomicBoolean crashed = new AtomicBoolean();
        FlushHooks crashAfterDeadLetters = new FlushHooks() {
            @Override
            public void afterCommit(String t, long version) {
                if (t.endsWith("_sink_dead_letters") && crashed.compareAndSet(false, true)) {
                    throw new ExactlyOnceIT.SimulatedCrash("after-dead-letter-commit");
                }
            }
        };
        SinkService first = h.start(settings, crashAfterDeadLetters);
        await().atMost(Duration.ofSeconds(60)).until(() -> !first.health().live());
        first.close();
        assertThat(h.kernel.rowCount(h.table("bronze/_sink_dead_letters"))).isEqualTo(4);

        h.start(settings);

        h.awaitRows(table, 6);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> h.kernel.rowCount(h.table("bronze/_sink_dead_letters")) == 4);
        assertThat(h.kernel.read(h.table(table)).rowCount()).isEqualTo(6);
    }

    @Test
    void headers_travel_with_the_dead_letter() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace-id", "abc".getBytes(StandardCharsets.UTF_8));
        h.send(new ProducerRecord<>(topic, 0, (byte[]) null, new byte[]{9, 9, 9}, headers));

        h.start(settings);

        DeltaTableSnapshot dead = h.awaitRows("bronze/_sink_dead_letters", 1);
        assertThat(dead.rows().get(0).get("headers")).isEqualTo(Map.of("trace-id", "abc"));
        assertThat((String) dead.rows().get(0).get("reason")).contains("3 bytes");
    }
}
