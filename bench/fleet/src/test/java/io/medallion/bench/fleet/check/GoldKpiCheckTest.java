package io.medallion.bench.fleet.check;

import io.medallion.gold.reference.ReferenceKpi;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GoldKpiCheckTest {

    private static ReferenceKpi kpi(int minute, long orders, String gmv, String conversion) {
        Instant start = Instant.parse("2026-11-23T10:00:00Z").plusSeconds(60L * minute);
        return new ReferenceKpi(start, start.plusSeconds(60), orders, new BigDecimal(gmv), 2, 5, 7, new BigDecimal(conversion),
                20, 15, 3);
    }

    @Test
    void equalWindowsPassEvenWithADifferentDecimalScale() {
        CheckResult r = GoldKpiCheck.evaluate(List.of(kpi(0, 2, "10.50", "0.4000"), kpi(1, 1, "3.00", "0.4000")),
                List.of(kpi(1, 1, "3", "0.4"), kpi(0, 2, "10.5", "0.40")));
        assertThat(r.passed()).as(r.line()).isTrue();
        assertThat(r.figures()).containsEntry("equal", 2L);
    }

    @Test
    void aDifferentNumberFails() {
        CheckResult r = GoldKpiCheck.evaluate(List.of(kpi(0, 2, "10.51", "0.4000")), List.of(kpi(0, 2, "10.50", "0.4000")));
        assertThat(r.passed()).isFalse();
        assertThat(r.figures()).containsEntry("differing", 1L);
    }

    @Test
    void missingExtraAndDuplicatedWindowsFail() {
        assertThat(GoldKpiCheck.evaluate(List.of(), List.of(kpi(0, 2, "1", "0"))).figures()).containsEntry("missing", 1L);
        assertThat(GoldKpiCheck.evaluate(List.of(kpi(0, 2, "1", "0"), kpi(1, 2, "1", "0")), List.of(kpi(0, 2, "1", "0"))).passed())
                .isFalse();
        CheckResult twice = GoldKpiCheck.evaluate(List.of(kpi(0, 2, "1", "0"), kpi(0, 2, "1", "0")), List.of(kpi(0, 2, "1", "0")));
        assertThat(twice.passed()).isFalse();
        assertThat(twice.figures()).containsEntry("duplicated", 1L);
    }

    @Test
    void noWindowAtAllIsAFailure() {
        assertThat(GoldKpiCheck.evaluate(List.of(), List.of()).passed()).isFalse();
    }
}
