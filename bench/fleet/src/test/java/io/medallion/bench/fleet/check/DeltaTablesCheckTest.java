package io.medallion.bench.fleet.check;

import io.medallion.bench.fleet.check.DeltaTablesCheck.TableCount;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DeltaTablesCheckTest {

    @Test
    void countsMatchingTheirTopicsLessDeadLettersPass() {
        CheckResult r = DeltaTablesCheck.evaluate(List.of(
                new TableCount("bronze/shop_orders", Optional.of("cdc.shop.orders"), 10, Optional.empty(), 12, 2),
                new TableCount("bronze/_sink_dead_letters", Optional.empty(), 2, Optional.empty(), 0, 0)));
        assertThat(r.passed()).as(r.line()).isTrue();
        assertThat(r.figures()).containsEntry("sink dead letters", 2L);
    }

    @Test
    void aCountMismatchOrAnUnreadableTableFails() {
        assertThat(DeltaTablesCheck.evaluate(List.of(
                new TableCount("silver/orders", Optional.of("silver.orders"), 11, Optional.empty(), 12, 0))).passed()).isFalse();
        CheckResult r = DeltaTablesCheck.evaluate(List.of(
                new TableCount("gold/kpi_1m", Optional.of("gold.kpi_1m"), -1, Optional.of("corrupt log"), 3, 0)));
        assertThat(r.passed()).isFalse();
        assertThat(r.problems()).singleElement().asString().contains("gold/kpi_1m").contains("corrupt log");
        assertThat(DeltaTablesCheck.evaluate(List.of()).passed()).isFalse();
    }
}
