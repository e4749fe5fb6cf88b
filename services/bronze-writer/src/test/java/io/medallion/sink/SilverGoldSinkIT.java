package io.medallion.sink;

import io.medallion.avro.gold.Kpi1m;
import io.medallion.avro.silver.EventType;
import io.medallion.avro.silver.QuarantineRecord;
import io.medallion.avro.silver.WebEvent;
import io.medallion.testkit.delta.DeltaTableSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Silver and gold contracts land with their logical types as proper Delta types. */
class SilverGoldSinkIT {

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
    void silver_records_keep_decimals_timestamps_enums_and_arrays() {
        String suffix = SinkHarness.unique();
        String events = "silver.web_events_" + suffix;
        String quarantine = "silver.quarantine_" + suffix;
        h.createTopic(events, 2);
        h.createTopic(quarantine, 1);
        Instant ts = Instant.parse("2024-05-01T12:00:00.123456Z");
        for (long id = 0; id < 4; id++) {
            WebEvent e = WebEvent.newBuilder().setId(id).setEventId("e" + id).setUserId("u1").setProductId(id == 0 ? null : 7L)
                    .setEventType(id % 2 == 0 ? EventType.purchase : EventType.page_view)
                    .setPrice(id % 2 == 0 ? new BigDecimal("19.99") : null).setQuantity(id % 2 == 0 ? 2 : null).setCurrency("EUR")
                    .setTs(ts).setCountry("DE").setDevice("mobile").setCampaign(null).setProductCategory(null).setProductBrand(null)
                    .setOp("c").setSourceLsn(100 + id).setSourceTs(ts.truncatedTo(ChronoUnit.MILLIS))
                    .setProcessingTs(ts.truncatedTo(ChronoUnit.MILLIS)).setWarnings(List.of("w" + id)).build();
            h.send(events, (int) (id % 2), ("e" + id).getBytes(), h.serialize(events, e));
        }
        QuarantineRecord q = QuarantineRecord.newBuilder().setEntity("web_events").setSourceTopic("cdc.shop.web_events")
                .setSourcePartition(0).setSourceOffset(9).setSourceKey(null).setOriginal("{}").setOriginalValue(null)
                .setValidationErrors(List.of("price: negative", "currency: unknown")).setOp("c").setSourceLsn(5L)
                .setSourceTs(null).setProcessingTs(ts.truncatedTo(ChronoUnit.MILLIS)).build();
        h.send(quarantine, 0, null, h.serialize(quarantine, q));

        h.start(h.settings(Layer.SILVER, "g-" + suffix, List.of(events, quarantine)));

        DeltaTableSnapshot snap = h.awaitRows("silver/web_events_" + suffix, 4);
        assertThat(snap.partitionColumns()).isEmpty();
        assertThat(snap.columnType("price").toString()).contains("12", "2");
        Map<String, Object> purchase = snap.rows().stream().filter(r -> r.get("id").equals(2L)).findFirst().orElseThrow();
        assertThat(purchase.get("event_type")).isEqualTo("purchase");
        assertThat(purchase.get("price")).isEqualTo(new BigDecimal("19.99"));
        assertThat(purchase.get("quantity")).isEqualTo(2);
        assertThat(purchase.get("ts")).isEqualTo(ts);
        assertThat(purchase.get("_source_ts")).isEqualTo(ts.truncatedTo(ChronoUnit.MILLIS));
        assertThat(purchase.get("_warnings")).isEqualTo(List.of("w2"));
        assertThat(snap.rows()).filteredOn(r -> r.get("id").equals(0L)).singleElement()
                .satisfies(r -> assertThat(r.get("product_id")).isNull());
        DeltaTableSnapshot quarantined = h.awaitRows("silver/quarantine_" + suffix, 1);
        assertThat(quarantined.rows().get(0).get("_validation_errors")).isEqualTo(List.of("price: negative", "currency: unknown"));
    }

    @Test
    void gold_kpis_keep_their_decimal_precision_and_window_timestamps() {
        String suffix = SinkHarness.unique();
        String kpis = "gold.kpi_1m_" + suffix;
        h.createTopic(kpis, 1);
        Instant start = Instant.parse("2024-05-01T12:00:00Z");
        Kpi1m kpi = Kpi1m.newBuilder().setWindowStart(start).setWindowEnd(start.plusSeconds(60)).setOrders(3)
                .setGmv(new BigDecimal("1234567890123456.78")).setPurchaseUsers(2).setViewUsers(3).setActiveUsers(4)
                .setConversionRate(new BigDecimal("0.6667")).setEvents(10).setPageViews(5).setAddToCarts(2).setPartials(2)
                .setClosedAt(start.plusSeconds(75)).build();
        h.send(kpis, 0, null, h.serialize(kpis, kpi));

        h.start(h.settings(Layer.GOLD, "g-" + suffix, List.of(kpis)));

        DeltaTableSnapshot snap = h.awaitRows("gold/kpi_1m_" + suffix, 1);
        Map<String, Object> row = snap.rows().get(0);
        assertThat(row.get("window_start")).isEqualTo(start);
        assertThat(row.get("window_end")).isEqualTo(start.plusSeconds(60));
        assertThat(row.get("gmv")).isEqualTo(new BigDecimal("1234567890123456.78"));
        assertThat(row.get("conversion_rate")).isEqualTo(new BigDecimal("0.6667"));
        assertThat(snap.columnType("gmv").toString()).contains("18", "2");
        assertThat(row.get("partials")).isEqualTo(2);
    }
}
