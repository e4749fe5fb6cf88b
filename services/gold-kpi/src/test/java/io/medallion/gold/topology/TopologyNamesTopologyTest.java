package io.medallion.gold.topology;

import io.medallion.gold.support.GoldDriver;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every processor, store and repartition topic has a chosen name: a generated one changes with
 * an innocent edit and orphans its changelog or repartition topic.
 */
class TopologyNamesTopologyTest {

    @Test
    void nothingInTheTopologyHasAGeneratedName() {
        try (GoldDriver gold = new GoldDriver(3)) {
            TopologyDescription description = gold.topology().describe();
            String text = description.toString();
            assertThat(text).doesNotContain("KSTREAM-").doesNotContain("KTABLE-").doesNotContainPattern("-\\d{10}");

            List<String> nodes = new ArrayList<>();
            List<String> stores = new ArrayList<>();
            description.subtopologies().forEach(s -> s.nodes().forEach(n -> {
                nodes.add(n.name());
                if (n instanceof TopologyDescription.Processor p) {
                    stores.addAll(p.stores());
                }
            }));
            assertThat(nodes).contains("gold-web-events-source", "gold-heartbeats-source", "gold-event-router",
                    "gold-heartbeat-router", "gold-clock-merge", "gold-shard-aggregator", "gold-partial-combiner",
                    "gold-kpi-sink", "gold-late-events-sink");
            assertThat(stores).containsExactlyInAnyOrder(GoldTopology.SHARD_CLOCKS_STORE, GoldTopology.SHARD_WINDOWS_STORE,
                    GoldTopology.SHARD_USERS_STORE, GoldTopology.COMBINER_WATERMARKS_STORE, GoldTopology.COMBINER_WINDOWS_STORE);
            assertThat(text).contains(GoldTopology.BY_USER_TOPIC + "-repartition", GoldTopology.PARTIALS_TOPIC + "-repartition");
            assertThat(description.subtopologies()).hasSize(3);
        }
    }
}
