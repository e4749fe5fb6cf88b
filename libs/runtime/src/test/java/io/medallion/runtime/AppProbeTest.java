package io.medallion.runtime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AppProbeTest {

    private static final String SCRAPE = """
            # HELP medallion_sink_records_in_total Records read from Kafka
            # TYPE medallion_sink_records_in_total counter
            medallion_sink_records_in_total{layer="bronze",service="bronze-writer",topic="cdc.shop.a"} 3.0
            medallion_sink_records_in_total{layer="bronze",service="bronze-writer",topic="cdc.shop.b"} 4.0
            medallion_sink_freshness_milliseconds_bucket{layer="bronze",table="bronze/shop_a",le="500.0"} 2
            jvm_threads_live_threads 42.0
            """;

    @Test
    void sumsTheSamplesWhoseLabelsMatch() {
        assertThat(AppProbe.sum(SCRAPE, "medallion_sink_records_in_total").getAsDouble()).isEqualTo(7.0);
        assertThat(AppProbe.sum(SCRAPE, "medallion_sink_records_in_total", "topic", "cdc.shop.b").getAsDouble()).isEqualTo(4.0);
        assertThat(AppProbe.sum(SCRAPE, "medallion_sink_freshness_milliseconds_bucket", "le", "500.0").getAsDouble()).isEqualTo(2.0);
        assertThat(AppProbe.sum(SCRAPE, "jvm_threads_live_threads").getAsDouble()).isEqualTo(42.0);
    }

    @Test
    void emptyWhenNothingMatches() {
        assertThat(AppProbe.sum(SCRAPE, "medallion_sink_records_out_total")).isEmpty();
        assertThat(AppProbe.sum(SCRAPE, "medallion_sink_records_in_total", "topic", "cdc.shop.c")).isEmpty();
    }
}
