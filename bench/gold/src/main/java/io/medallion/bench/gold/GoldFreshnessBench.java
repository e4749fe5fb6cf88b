package io.medallion.bench.gold;

import io.medallion.avro.silver.WebEvent;
import io.medallion.common.config.Settings;
import io.medallion.common.topics.TopicNames;
import io.medallion.gold.GoldConfig;
import io.medallion.gold.GoldService;
import io.medallion.gold.KpiListener;
import io.medallion.gold.serde.GoldSerdes;
import io.medallion.gold.topology.GoldTopics;
import io.medallion.registry.client.MockSchemaRegistry;
import io.medallion.testkit.LocalResources;
import io.medallion.testkit.kafka.EmbeddedKafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * gold-kpi freshness on the in-process broker: feeds silver.web_events open loop at a fixed
 * rate with event time = wall clock, sends capture heartbeats, and reports how long after
 * window end + grace each KPI window was emitted (closed_at) and became visible to a
 * read_committed consumer of gold.kpi_1m, plus throughput, CPU and memory. Prints; asserts
 * nothing. The broker, the feeder and the consumer share this JVM and its 2 cores with gold-kpi.
 */
public final class GoldFreshnessBench {

    private GoldFreshnessBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        Path stateDir = Files.createTempDirectory("bench-gold-state-");
        String scope = "bench-gold-" + UUID.randomUUID();
        Map<String, Object> registry = Map.of("schema.registry.url", "mock://" + scope);
        ScheduledExecutorService background = Executors.newScheduledThreadPool(2);
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().start();
             GoldTopics topics = GoldSerdes.topics(registry)) {
            kafka.createTopic(TopicNames.silver("web_events"), options.silverPartitions());
            GoldConfig config = GoldConfig.from(Settings.of(options.goldSettings()).with(Map.of(
                    GoldConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
                    GoldConfig.SCHEMA_REGISTRY_URL, "mock://" + scope,
                    GoldConfig.WINDOW_SIZE, options.windowSize().toMillis() + "ms",
                    GoldConfig.GRACE, options.grace().toMillis() + "ms",
                    GoldConfig.PARTITIONS, Integer.toString(options.partitions()),
                    GoldConfig.STATE_DIR, stateDir.toString())));
            ResourceSampler resources = new ResourceSampler();
            try (GoldService gold = new GoldService(config, new SimpleMeterRegistry(), KpiListener.NONE);
                 KafkaProducer<String, WebEvent> events = producer(kafka, topics.webEvents().keySerde().serializer(),
                         topics.webEvents().valueSerde().serializer());
                 KafkaProducer<byte[], Long> heartbeats = producer(kafka, new ByteArraySerializer(),
                         topics.heartbeats().valueSerde().serializer())) {
                gold.start();
                KpiWatcher watcher = new KpiWatcher(kafka.bootstrapServers(), topics.kpi1m().name(),
                        topics.kpi1m().keySerde().deserializer(), topics.kpi1m().valueSerde().deserializer(), options.grace());
                Thread watcherThread = new Thread(watcher, "kpi-watcher");
                watcherThread.start();
                if (!options.heartbeatInterval().isZero()) {
                    background.scheduleAtFixedRate(() -> {
                        long now = System.currentTimeMillis();
                        heartbeats.send(new ProducerRecord<>(topics.heartbeats().name(), null, now, new byte[0], now));
                    }, 0, options.heartbeatInterval().toMillis(), TimeUnit.MILLISECONDS);
                }
                background.scheduleAtFixedRate(resources::sample, 0, 1, TimeUnit.SECONDS);

                OpenLoopFeeder feeder = new OpenLoopFeeder(events, topics.webEvents().name(), options.rate(),
                        options.duration().toNanos(), options.users());
                System.out.printf(Locale.ROOT, "Feeding %d events/s for %s; windows %s + %s grace; %d by-user partitions, "
                                + "%d silver partitions, heartbeat %s; settings %s%n", options.rate(), options.duration(), options.windowSize(),
                        options.grace(), options.partitions(), options.silverPartitions(), options.heartbeatInterval(),
                        options.goldSettings());
                resources.start();
                Instant steadyFrom = Instant.now().plus(options.warmup());
                long feedStart = System.nanoTime();
                feeder.run();
                double feedSeconds = (System.nanoTime() - feedStart) / 1e9;
                long countedAtFeedEnd = counted(gold);
                double[] cores = resources.coresUsed();

                // The last window closes at its end + grace; heartbeats keep the clock moving.
                Instant lastClose = Instant.ofEpochMilli(Math.floorDiv(feeder.lastEventTime().toEpochMilli(),
                        options.windowSize().toMillis()) * options.windowSize().toMillis())
                        .plus(options.windowSize()).plus(options.grace()).plusSeconds(10);
                while (Instant.now().isBefore(lastClose)) {
                    Thread.sleep(500);
                }
                watcher.stop();
                watcherThread.join();
                report(options, feeder, watcher.seen, steadyFrom, gold, feedSeconds, countedAtFeedEnd, cores, resources);
            }
        } finally {
            background.shutdownNow();
            MockSchemaRegistry.dropScope(scope);
            LocalResources.deleteRecursively(stateDir);
        }
    }

    private static long counted(GoldService gold) {
        return (Long) gold.health().details().get("eventsCounted");
    }

    private static void report(BenchOptions options, OpenLoopFeeder feeder, List<KpiWatcher.Seen> seen, Instant steadyFrom,
                               GoldService gold, double feedSeconds, long countedAtFeedEnd, double[] cores,
                               ResourceSampler resources) {
        long graceMs = options.grace().toMillis();
        List<KpiWatcher.Seen> steady = seen.stream().filter(s -> !s.kpi().getWindowEnd().isBefore(steadyFrom)).toList();
        long eventsInKpis = seen.stream().mapToLong(s -> s.kpi().getEvents()).sum();
        System.out.println();
        System.out.println("=== gold-kpi freshness benchmark ===");
        System.out.printf(Locale.ROOT, "offered            %,d events in %.1f s = %,.0f events/s (send failures %d, max schedule lag %d ms)%n",
                feeder.sent.get(), feedSeconds, feeder.sent.get() / feedSeconds, feeder.failed.get(), feeder.maxLagMs());
        System.out.printf(Locale.ROOT, "gold throughput    %,.0f events/s counted while feeding; %,d of %,d events counted by the end%n",
                countedAtFeedEnd / feedSeconds, counted(gold), feeder.sent.get());
        System.out.printf(Locale.ROOT, "windows            %d emitted, holding %,d events; late events %d%n",
                seen.size(), eventsInKpis, gold.lateEvents());
        delays("all windows", seen, graceMs);
        delays("after " + options.warmup() + " warm-up", steady, graceMs);
        System.out.printf(Locale.ROOT, "cpu while feeding  %.2f cores whole JVM (broker, feeder, consumer, gold), %.2f cores gold stream threads (with their producer I/O threads)%n",
                cores[0], cores[1]);
        System.out.printf(Locale.ROOT, "memory             heap peak %,d MB (-Xmx2g), RSS peak %,d MB%n",
                resources.peakHeapBytes() / (1024 * 1024), resources.peakRssKb() / 1024);
        double[] load = resources.systemLoad();
        System.out.printf(Locale.ROOT, "machine            %d cores, 1-min load average mean %.1f, peak %.1f during the run%n",
                Runtime.getRuntime().availableProcessors(), load[0], load[1]);
        System.out.println("per window (start, events, emitted ms after close, visible ms after close):");
        for (KpiWatcher.Seen s : seen) {
            System.out.printf(Locale.ROOT, "  %s %,9d %7d %7d%n", s.kpi().getWindowStart(), s.kpi().getEvents(),
                    s.kpi().getClosedAt().toEpochMilli() - s.kpi().getWindowEnd().toEpochMilli() - graceMs, s.visibleAfterCloseMs());
        }
    }

    /** Delays of the windows: emission (closed_at) and visibility to a read_committed consumer, after end + grace. */
    private static void delays(String which, List<KpiWatcher.Seen> windows, long graceMs) {
        long[] emitted = windows.stream().mapToLong(s -> s.kpi().getClosedAt().toEpochMilli()
                - s.kpi().getWindowEnd().toEpochMilli() - graceMs).sorted().toArray();
        long[] visible = windows.stream().mapToLong(KpiWatcher.Seen::visibleAfterCloseMs).sorted().toArray();
        System.out.printf(Locale.ROOT, "%s (%d windows):%n", which, windows.size());
        System.out.printf(Locale.ROOT, "  emitted after end + grace   p50 %s  p99 %s  max %s  (closed_at)%n",
                ms(percentile(emitted, 0.50)), ms(percentile(emitted, 0.99)), ms(max(emitted)));
        System.out.printf(Locale.ROOT, "  visible after end + grace   p50 %s  p99 %s  max %s  (read_committed consumer receipt)%n",
                ms(percentile(visible, 0.50)), ms(percentile(visible, 0.99)), ms(max(visible)));
    }

    /** Nearest-rank percentile of sorted values; -1 when there are none. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static long max(long[] sorted) {
        return sorted.length == 0 ? -1 : sorted[sorted.length - 1];
    }

    private static String ms(long value) {
        return value < 0 ? "n/a" : value + " ms";
    }

    private static <K, V> KafkaProducer<K, V> producer(EmbeddedKafkaBroker kafka, Serializer<K> keys,
                                                       Serializer<V> values) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new KafkaProducer<>(p, keys, values);
    }
}
