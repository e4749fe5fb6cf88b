package io.medallion.silver.topology;

import io.medallion.avro.silver.Order;
import io.medallion.avro.silver.Shipment;
import io.medallion.avro.silver.WebEvent;
import io.medallion.silver.SilverConfig;
import io.medallion.silver.fixtures.Cdc;
import io.medallion.silver.fixtures.Samples;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Clickstream by event id within the retention; change events by (table, key, LSN). */
class DeduplicationTopologyTest {

    private final SilverDriver silver = new SilverDriver(Map.of(SilverConfig.DEDUP_RETENTION, "1h"));
    private long lsn = 100;

    @AfterEach
    void close() {
        silver.close();
    }

    /** A tracker (re)send: a new source row carrying the event id {@code eventId}. */
    private void track(long rowId, String eventId, Instant ts) {
        Map<String, Object> row = Samples.row("web_events", rowId);
        row.put("event_id", eventId);
        row.put("ts", ts);
        silver.pipe("web_events", rowId, Cdc.insert("web_events", Cdc.row("web_events", row), lsn++, ts.plusSeconds(1)));
    }

    private List<WebEvent> events() {
        return silver.silverValues("web_events");
    }

    @Test
    void aRetriedEventWithinTheRetentionReachesSilverOnceFirstCopyWinning() {
        Instant t = Samples.T0;
        track(1, Samples.eventId(1), t);
        track(2, Samples.eventId(1), t);
        track(3, Samples.eventId(1), t.plus(Duration.ofMinutes(59)));
        track(4, Samples.eventId(2), t);

        assertThat(events()).extracting(WebEvent::getId).containsExactly(1L, 4L);
        assertThat(silver.counters().dedupHits()).containsEntry("web_events", 2L);
    }

    @Test
    void anEarlierCopyArrivingLateIsStillADuplicate() {
        track(1, Samples.eventId(1), Samples.T0);
        track(2, Samples.eventId(1), Samples.T0.minus(Duration.ofMinutes(30)));

        assertThat(events()).extracting(WebEvent::getId).containsExactly(1L);
    }

    @Test
    void eventIdsThatDifferOnlyInCaseAreTheSameEvent() {
        track(1, Samples.eventId(1), Samples.T0);
        track(2, Samples.eventId(1).toUpperCase(Locale.ROOT), Samples.T0);

        assertThat(events()).extracting(WebEvent::getId).containsExactly(1L);
    }

    @Test
    void aCopyBeyondTheRetentionPassesAsNew() {
        track(1, Samples.eventId(1), Samples.T0);
        track(2, Samples.eventId(1), Samples.T0.plus(Duration.ofMinutes(61)));

        assertThat(events()).extracting(WebEvent::getId).containsExactly(1L, 2L);
        assertThat(silver.counters().dedupHits().getOrDefault("web_events", 0L)).isZero();
    }

    @Test
    void expiredIdsArePurgedSoStateStaysBounded() {
        track(1, Samples.eventId(1), Samples.T0);
        assertThat(storedIds()).containsExactly(Samples.eventId(1));

        track(2, Samples.eventId(2), Samples.T0.plus(Duration.ofHours(3)));
        assertThat(storedIds()).containsExactly(Samples.eventId(2));

        // The original is gone: a copy with the original's event time now lies behind the
        // retention and passes, as documented.
        track(3, Samples.eventId(1), Samples.T0);
        assertThat(events()).extracting(WebEvent::getId).containsExactly(1L, 2L, 3L);
    }

    private List<String> storedIds() {
        WindowStore<String, Long> store = silver.driver.getWindowStore("web_events-seen-event-ids");
        List<String> ids = new ArrayList<>();
        try (KeyValueIterator<Windowed<String>, Long> all = store.all()) {
            all.forEachRemaining(kv -> ids.add(kv.key.key()));
        }
        return ids;
    }

    @Test
    void updatesAndDeletesOfAClickstreamRowAreChangesNotDuplicates() {
        track(1, Samples.eventId(1), Samples.T0);
        silver.pipe("web_events", 1, Cdc.update("web_events", Samples.avroRow("web_events", 1),
                Samples.with("web_events", 1, "campaign", "corrected"), lsn++, Samples.COMMIT));

        assertThat(events()).extracting(WebEvent::getOp).containsExactly("c", "u");
        assertThat(events().get(1).getCampaign()).isEqualTo("corrected");
    }

    @Test
    void aRedeliveredChangeIsDroppedByTableKeyAndLsn() {
        silver.pipe("orders", 1, Cdc.insert("orders", Samples.avroRow("orders", 1), 500L, Samples.COMMIT));
        silver.pipe("orders", 1, Cdc.update("orders", Samples.avroRow("orders", 1), Samples.with("orders", 1, "status", "shipped"), 510L, Samples.COMMIT));
        // Capture restarts and redelivers both changes.
        silver.pipe("orders", 1, Cdc.insert("orders", Samples.avroRow("orders", 1), 500L, Samples.COMMIT));
        silver.pipe("orders", 1, Cdc.update("orders", Samples.avroRow("orders", 1), Samples.with("orders", 1, "status", "shipped"), 510L, Samples.COMMIT));
        silver.pipe("orders", 1, Cdc.update("orders", Samples.avroRow("orders", 1), Samples.with("orders", 1, "status", "delivered"), 520L, Samples.COMMIT));

        assertThat(silver.silverValues("orders")).extracting(o -> ((Order) o).getSourceLsn()).containsExactly(500L, 510L, 520L);
        assertThat(silver.counters().dedupHits()).containsEntry("orders", 2L);
    }

    @Test
    void theSameLsnOnAnotherKeyOrTableIsNoDuplicate() {
        silver.pipe("orders", 1, Cdc.insert("orders", Samples.avroRow("orders", 1), 700L, Samples.COMMIT));
        silver.pipe("orders", 2, Cdc.insert("orders", Samples.avroRow("orders", 2), 700L, Samples.COMMIT));
        silver.pipe("shipments", 1, Cdc.insert("shipments", Samples.avroRow("shipments", 1), 700L, Samples.COMMIT));

        assertThat(silver.silverValues("orders")).extracting(o -> ((Order) o).getOrderId()).containsExactly(1L, 2L);
        assertThat(silver.silverValues("shipments")).extracting(s -> ((Shipment) s).getShipmentId()).containsExactly(1L);
        assertThat(silver.counters().totalDedupHits()).isZero();
    }

    @Test
    void aRedeliveredInvalidChangeIsNotQuarantinedTwice() {
        silver.pipe("orders", 1, Cdc.insert("orders", Samples.with("orders", 1, "status", "??"), 800L, Samples.COMMIT));
        silver.pipe("orders", 1, Cdc.insert("orders", Samples.with("orders", 1, "status", "??"), 800L, Samples.COMMIT));

        assertThat(silver.quarantine()).hasSize(1);
    }

    @Test
    void theLsnStoreHoldsKeysAndLsnsOnly() {
        silver.pipe("customers", 7, Cdc.insert("customers", Samples.avroRow("customers", 7), 900L, Samples.COMMIT));

        List<KeyValue<String, Long>> entries = new ArrayList<>();
        try (var all = silver.driver.<String, Long>getKeyValueStore("customers-last-lsn-by-key").all()) {
            all.forEachRemaining(entries::add);
        }
        assertThat(entries).containsExactly(KeyValue.pair("{\"customer_id\":7}", 900L));
    }
}
