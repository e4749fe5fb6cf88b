package io.medallion.local;

import io.medallion.avro.gold.Kpi1m;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class KpiLineTest {

    @Test
    void showsTheWindowInUtcAndEveryKpiOfTheContract() {
        Instant start = Instant.parse("2024-05-01T12:01:00Z");
        Kpi1m kpi = Kpi1m.newBuilder().setWindowStart(start).setWindowEnd(start.plusSeconds(60)).setOrders(1234)
                .setGmv(new BigDecimal("1234567.50")).setPurchaseUsers(2).setViewUsers(40).setActiveUsers(45)
                .setConversionRate(new BigDecimal("0.0500")).setEvents(300).setPageViews(250).setAddToCarts(46)
                .setPartials(4).setClosedAt(start.plusSeconds(76)).build();

        assertThat(KpiLine.format(kpi, 7)).isEqualTo("KPI 12:01:00-12:02:00 UTC | orders 1,234 | GMV 1,234,567.50"
                + " | users purchase 2 view 40 active 45 | conversion 0.0500 | late so far 7");
    }

    @Test
    void keepsTwoDecimalsOfMoneyAndSecondsOfShortWindows() {
        Instant start = Instant.parse("2024-05-01T23:59:50Z");
        Kpi1m kpi = Kpi1m.newBuilder().setWindowStart(start).setWindowEnd(start.plusSeconds(10)).setOrders(0)
                .setGmv(new BigDecimal("0.00")).setPurchaseUsers(0).setViewUsers(0).setActiveUsers(1)
                .setConversionRate(new BigDecimal("0.0000")).setEvents(1).setPageViews(0).setAddToCarts(1)
                .setPartials(1).setClosedAt(start.plusSeconds(13)).build();

        assertThat(KpiLine.format(kpi, 0)).startsWith("KPI 23:59:50-00:00:00 UTC | orders 0 | GMV 0.00 |")
                .endsWith("conversion 0.0000 | late so far 0");
    }
}
