package io.medallion.silver.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SilverMetricsTest {

    @Test
    void theSnapshotGroupsCountersByTheirTag() {
        SilverMetrics metrics = new SilverMetrics(new SimpleMeterRegistry());
        metrics.recordsIn("cdc.shop.orders").increment(3);
        metrics.recordsIn("cdc.shop.web_events").increment();
        metrics.quarantined("orders").increment();
        metrics.dedupHits("web_events", "event_id").increment(2);
        metrics.dedupHits("orders", "lsn").increment();
        metrics.deadLetters("deserialization").increment();

        SilverCounters c = metrics.snapshot();

        assertThat(c.recordsIn()).containsEntry("cdc.shop.orders", 3L).containsEntry("cdc.shop.web_events", 1L);
        assertThat(c.totalIn()).isEqualTo(4);
        assertThat(c.quarantined()).containsEntry("orders", 1L);
        assertThat(c.dedupHits()).containsEntry("web_events", 2L).containsEntry("orders", 1L);
        assertThat(c.totalDeadLetters()).isEqualTo(1);
        assertThat(metrics.registry().find(SilverMetrics.RECORDS_IN).tag(SilverMetrics.TOPIC, "cdc.shop.orders").counter().count()).isEqualTo(3.0);
    }

    @Test
    void askingTwiceForACounterGivesTheSameCounter() {
        SilverMetrics metrics = new SilverMetrics(new SimpleMeterRegistry());
        metrics.warnings("orders").increment();
        metrics.warnings("orders").increment();

        assertThat(metrics.snapshot().warnings()).containsEntry("orders", 2L);
    }
}
