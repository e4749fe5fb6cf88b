package io.medallion.sink;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LayerTest {

    @Test
    void each_layer_maps_its_topics_to_its_tables() {
        assertThat(Layer.BRONZE.tableFor("cdc.shop.orders")).contains("bronze/shop_orders");
        assertThat(Layer.SILVER.tableFor("silver.web_events")).contains("silver/web_events");
        assertThat(Layer.SILVER.tableFor("silver.quarantine")).contains("silver/quarantine");
        assertThat(Layer.SILVER.tableFor("silver.dead_letters")).contains("silver/dead_letters");
        assertThat(Layer.GOLD.tableFor("gold.kpi_1m")).contains("gold/kpi_1m");
    }

    @Test
    void foreign_unsafe_and_reserved_names_have_no_table() {
        assertThat(Layer.BRONZE.tableFor("__debezium-heartbeat.cdc")).isEmpty();
        assertThat(Layer.BRONZE.tableFor("silver.orders")).isEmpty();
        assertThat(Layer.SILVER.tableFor("silver.")).isEmpty();
        assertThat(Layer.SILVER.tableFor("silver.a/b")).isEmpty();
        assertThat(Layer.SILVER.tableFor("silver._sink_dead_letters")).isEmpty();
    }

    @Test
    void dead_letters_and_groups_are_per_layer() {
        assertThat(Layer.GOLD.deadLetterTable()).isEqualTo("gold/_sink_dead_letters");
        assertThat(Layer.SILVER.defaultGroupId()).isEqualTo("medallion-sink-silver");
    }
}
