package io.medallion.gold.kpi;

import io.medallion.avro.gold.Kpi1m;
import io.medallion.avro.gold.LateEvent;
import io.medallion.avro.silver.WebEvent;
import io.medallion.gold.support.WebEvents;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KpiRecordsTest {

    private final KpiWindows windows = new KpiWindows(Duration.ofMinutes(1), Duration.ofSeconds(15));
    private final Instant noon = Instant.parse("2025-03-01T12:00:00Z");
    private final Instant closedAt = Instant.parse("2025-03-01T12:01:16Z");

    @Test
    void mapsCountsToTheGoldContract() {
        PartialCounts counts = new PartialCounts(10, 6, 2, 2, new BigDecimal("31.40"), 3, 1, 4);
        Kpi1m kpi = KpiRecords.kpi(windows, noon.toEpochMilli(), counts, 2, closedAt);
        assertThat(kpi.getWindowStart()).isEqualTo(noon);
        assertThat(kpi.getWindowEnd()).isEqualTo(Instant.parse("2025-03-01T12:01:00Z"));
        assertThat(kpi.getOrders()).isEqualTo(2);
        assertThat(kpi.getGmv()).isEqualTo(new BigDecimal("31.40"));
        assertThat(kpi.getPurchaseUsers()).isEqualTo(1);
        assertThat(kpi.getViewUsers()).isEqualTo(3);
        assertThat(kpi.getActiveUsers()).isEqualTo(4);
        assertThat(kpi.getConversionRate()).isEqualTo(new BigDecimal("0.3333"));
        assertThat(kpi.getEvents()).isEqualTo(10);
        assertThat(kpi.getPageViews()).isEqualTo(6);
        assertThat(kpi.getAddToCarts()).isEqualTo(2);
        assertThat(kpi.getPartials()).isEqualTo(2);
        assertThat(kpi.getClosedAt()).isEqualTo(closedAt);
    }

    @Test
    void refusesCountsTheContractCannotHold() {
        PartialCounts huge = new PartialCounts(1, 0, 0, 1, new BigDecimal("1E+17").setScale(2), 0, 1, 1);
        assertThatThrownBy(() -> KpiRecords.kpi(windows, noon.toEpochMilli(), huge, 1, closedAt))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void aLateEventKeepsTheEventItsWindowAndHowLateItWas() {
        WebEvent event = WebEvents.view("u1", Instant.parse("2025-03-01T12:00:30Z"));
        long streamTime = Instant.parse("2025-03-01T12:01:20Z").toEpochMilli();
        LateEvent late = KpiRecords.late(windows, event, streamTime, closedAt);
        assertThat(late.getEvent()).isEqualTo(event);
        assertThat(late.getWindowStart()).isEqualTo(noon);
        assertThat(late.getWindowEnd()).isEqualTo(Instant.parse("2025-03-01T12:01:00Z"));
        assertThat(late.getStreamTime()).isEqualTo(Instant.parse("2025-03-01T12:01:20Z"));
        assertThat(late.getLatenessMs()).isEqualTo(5_000);
        assertThat(late.getDetectedAt()).isEqualTo(closedAt);
    }
}
