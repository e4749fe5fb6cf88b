package io.medallion.gold.topology;

import io.medallion.avro.gold.Kpi1m;
import io.medallion.gold.GoldConfig;
import io.medallion.gold.KpiListener;
import io.medallion.gold.metrics.GoldMetrics;
import io.medallion.gold.state.InternalSerdes;
import io.medallion.gold.topology.ShardOutput.CombinerInput;
import io.medallion.gold.topology.ShardOutput.Late;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * The gold-kpi topology, in three stages (README.md explains why):
 * <ol>
 *   <li>route: silver events to their user's partition of the by-user topic, plus the event-time
 *       clock (from events and capture heartbeats) broadcast to every partition as watermarks;</li>
 *   <li>aggregate, per by-user partition: exact partial counts per open window, closed in order
 *       as the clock passes end + grace; late events out;</li>
 *   <li>combine, in one task: the few partials per window summed and emitted once every
 *       partition has closed the window.</li>
 * </ol>
 * Every processor, store and repartition topic is named here.
 */
public final class GoldTopology {

    public static final String BY_USER_TOPIC = "gold-by-user";
    public static final String PARTIALS_TOPIC = "gold-partials";
    public static final String SHARD_CLOCKS_STORE = "gold-shard-clocks";
    public static final String SHARD_WINDOWS_STORE = "gold-shard-windows";
    public static final String SHARD_USERS_STORE = "gold-shard-window-users";
    public static final String COMBINER_WATERMARKS_STORE = "gold-combiner-watermarks";
    public static final String COMBINER_WINDOWS_STORE = "gold-combiner-windows";

    private static final String OUTPUT_SPLIT = "gold-shard-output-";
    private static final String LATE_BRANCH = "late";
    private static final String PARTIALS_BRANCH = "partials";

    private GoldTopology() {
    }

    public static Topology build(GoldTopics topics, GoldConfig config, GoldMetrics metrics, KpiListener listener, Clock clock) {
        UserShards shards = new UserShards(config.partitions());
        StreamsBuilder builder = new StreamsBuilder();

        KStream<String, ShardRecord> routedEvents = builder
                .stream(topics.webEvents().name(), Consumed.with(topics.webEvents().keySerde(), topics.webEvents().valueSerde())
                        .withTimestampExtractor(new EventTimeExtractors.WebEventTime())
                        .withName("gold-web-events-source"))
                .process(() -> new EventRouter(shards, config.watermarkInterval(), metrics), Named.as("gold-event-router"));
        KStream<String, ShardRecord> heartbeatClock = builder
                .stream(topics.heartbeats().name(), Consumed.with(topics.heartbeats().keySerde(), topics.heartbeats().valueSerde())
                        .withTimestampExtractor(new EventTimeExtractors.HeartbeatTime())
                        .withName("gold-heartbeats-source"))
                .process(() -> new HeartbeatRouter(shards), Named.as("gold-heartbeat-router"));

        // Merged, so events and heartbeats share a task that takes them in timestamp order:
        // while catching up, heartbeats cannot run ahead of the events of their time.
        Map<String, KStream<String, ShardOutput>> shardOutputs = routedEvents
                .merge(heartbeatClock, Named.as("gold-clock-merge"))
                .repartition(Repartitioned.<String, ShardRecord>as(BY_USER_TOPIC)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(InternalSerdes.shardRecord(topics.webEvents().valueSerde(), topics.webEvents().name()))
                        .withNumberOfPartitions(shards.count())
                        .withStreamPartitioner(new ShardPartitioner()))
                .process(new AggregatorSupplier(config, metrics, clock), Named.as("gold-shard-aggregator"))
                .split(Named.as(OUTPUT_SPLIT))
                .branch((key, value) -> value instanceof Late, Branched.as(LATE_BRANCH))
                .defaultBranch(Branched.as(PARTIALS_BRANCH));

        shardOutputs.get(OUTPUT_SPLIT + LATE_BRANCH)
                .mapValues(value -> ((Late) value).event(), Named.as("gold-late-event-unwrap"))
                .to(topics.lateEvents().name(), Produced.with(topics.lateEvents().keySerde(), topics.lateEvents().valueSerde())
                        .withName("gold-late-events-sink"));

        shardOutputs.get(OUTPUT_SPLIT + PARTIALS_BRANCH)
                .mapValues(value -> (CombinerInput) value, Named.as("gold-partial-unwrap"))
                // One partition: only a few partials and progress records per window go through.
                .repartition(Repartitioned.<String, CombinerInput>as(PARTIALS_TOPIC)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(InternalSerdes.combinerInput())
                        .withNumberOfPartitions(1))
                .process(new CombinerSupplier(config, shards, metrics, listener, clock), Named.as("gold-partial-combiner"))
                .to(topics.kpi1m().name(), Produced.with(topics.kpi1m().keySerde(), topics.kpi1m().valueSerde())
                        .withName("gold-kpi-sink"));

        return builder.build();
    }

    private record AggregatorSupplier(GoldConfig config, GoldMetrics metrics, Clock clock)
            implements ProcessorSupplier<String, ShardRecord, String, ShardOutput> {

        @Override
        public Processor<String, ShardRecord, String, ShardOutput> get() {
            return new ShardAggregator(config.windows(), metrics, clock, InternalSerdes.shardWindowKey().serializer());
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SHARD_CLOCKS_STORE),
                            Serdes.Integer(), InternalSerdes.shardClock()).withCachingEnabled(),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SHARD_WINDOWS_STORE),
                            InternalSerdes.shardWindowKey(), InternalSerdes.partialCounts()).withCachingEnabled(),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SHARD_USERS_STORE),
                            InternalSerdes.shardWindowUserKey(), InternalSerdes.userFlags()).withCachingEnabled());
        }
    }

    private record CombinerSupplier(GoldConfig config, UserShards shards, GoldMetrics metrics, KpiListener listener,
                                    Clock clock) implements ProcessorSupplier<String, CombinerInput, Long, Kpi1m> {

        @Override
        public Processor<String, CombinerInput, Long, Kpi1m> get() {
            return new PartialCombiner(config.windows(), shards, metrics, listener, clock);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(COMBINER_WATERMARKS_STORE),
                            Serdes.Integer(), Serdes.Long()).withCachingEnabled(),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(COMBINER_WINDOWS_STORE),
                            InternalSerdes.windowStartKey(), InternalSerdes.combinedWindow()).withCachingEnabled());
        }
    }
}
