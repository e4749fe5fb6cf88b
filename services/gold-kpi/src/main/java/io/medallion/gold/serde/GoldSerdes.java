package io.medallion.gold.serde;

import io.medallion.avro.common.DeadLetter;
import io.medallion.avro.gold.Kpi1m;
import io.medallion.avro.gold.LateEvent;
import io.medallion.avro.silver.WebEvent;
import io.medallion.common.topics.TopicNames;
import io.medallion.gold.topology.GoldTopics;
import io.medallion.gold.topology.Topic;
import io.medallion.registry.serde.AvroSerdes;
import org.apache.kafka.common.serialization.Serdes;

import java.util.Map;

/** gold-kpi's topic catalogue with the schema-registry Avro serdes (Confluent wire format). */
public final class GoldSerdes {

    private GoldSerdes() {
    }

    /** @param registryConfig at least {@code schema.registry.url}; {@code mock://<scope>} in tests */
    public static GoldTopics topics(Map<String, ?> registryConfig) {
        return new GoldTopics(
                new Topic<>(TopicNames.silver("web_events"),
                        AvroSerdes.primitive(String.class, registryConfig, true),
                        AvroSerdes.specific(WebEvent.class, registryConfig, false)),
                new Topic<>(TopicNames.CAPTURE_HEARTBEAT,
                        Serdes.ByteArray(),
                        new HeartbeatSerde(AvroSerdes.generic(registryConfig, false))),
                new Topic<>(TopicNames.GOLD_KPI_1M,
                        new WindowStartKeySerde(registryConfig),
                        AvroSerdes.specific(Kpi1m.class, registryConfig, false)),
                new Topic<>(TopicNames.GOLD_LATE_EVENTS,
                        AvroSerdes.primitive(String.class, registryConfig, true),
                        AvroSerdes.specific(LateEvent.class, registryConfig, false)),
                new Topic<>(TopicNames.GOLD_DEAD_LETTERS,
                        AvroSerdes.primitive(String.class, registryConfig, true),
                        AvroSerdes.specific(DeadLetter.class, registryConfig, false)));
    }
}
