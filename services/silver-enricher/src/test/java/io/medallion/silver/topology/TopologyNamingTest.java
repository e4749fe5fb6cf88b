package io.medallion.silver.topology;

import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every processor, store and internal topic of the topology carries an explicit name: a
 * generated one ({@code KSTREAM-MAP-0000000012}) changes when an unrelated edit shifts the
 * numbering, and a renamed store orphans its changelog.
 */
class TopologyNamingTest {

    /** Kafka Streams' generated names end in a ten-digit sequence number. */
    private static final Pattern GENERATED = Pattern.compile(".*\\d{10}.*");

    private final SilverDriver silver = new SilverDriver();

    @AfterEach
    void close() {
        silver.close();
    }

    @Test
    void everyNodeStoreAndTopicIsNamedExplicitly() {
        TopologyDescription description = silver.topology.describe();
        List<String> names = new ArrayList<>();
        description.subtopologies().forEach(sub -> sub.nodes().forEach(node -> collect(node, names)));
        description.globalStores().forEach(global -> {
            collect(global.source(), names);
            collect(global.processor(), names);
        });

        assertThat(names).hasSizeGreaterThan(100).noneMatch(n -> GENERATED.matcher(n).matches());
    }

    @Test
    void theStoresAndInternalTopicsAreTheDocumentedOnes() {
        TopologyDescription description = silver.topology.describe();
        List<String> stores = new ArrayList<>();
        List<String> topics = new ArrayList<>();
        description.subtopologies().forEach(sub -> sub.nodes().forEach(node -> {
            if (node instanceof TopologyDescription.Processor p) {
                stores.addAll(p.stores());
            }
            if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
                topics.add(sink.topic());
            }
        }));
        description.globalStores().forEach(g -> stores.addAll(g.processor().stores()));

        assertThat(stores).contains("web_events-seen-event-ids", "orders-last-lsn-by-key", "customers-last-lsn-by-key",
                "silver-products-lookup", "silver-customers-lookup", "silver-orders-lookup",
                "silver-warehouses-lookup", "silver-suppliers-lookup");
        assertThat(topics).contains("web_events-by-event-id-repartition", "silver.web_events", "silver.orders", "silver.quarantine");
        assertThat(stores).noneMatch(n -> GENERATED.matcher(n).matches());
    }

    private static void collect(TopologyDescription.Node node, List<String> names) {
        names.add(node.name());
        if (node instanceof TopologyDescription.Processor p) {
            names.addAll(p.stores());
        }
        if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
            names.add(sink.topic());
        }
        if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
            names.addAll(source.topicSet());
        }
    }
}
