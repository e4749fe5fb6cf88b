package io.medallion.bench.silver;

import io.medallion.avro.silver.Product;
import io.medallion.common.config.Settings;
import io.medallion.registry.client.MockSchemaRegistry;
import io.medallion.registry.serde.AvroSerdes;
import io.medallion.silver.SilverConfig;
import io.medallion.silver.SilverService;
import io.medallion.silver.metrics.SilverCounters;
import io.medallion.testkit.kafka.EmbeddedKafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Clickstream events per second through silver-enricher on ONE stream thread with
 * exactly_once_v2, against an in-process broker. {@code cdc.shop.web_events} is pre-filled with
 * realistic envelopes through the registry serializer and {@code silver.products} with the
 * product catalogue (loaded by the lookup table at start); then the service starts and the
 * drain is timed until its committed offsets reach the end of the topic.
 *
 * <p>Arguments: {@code --events N} (default 1,000,000), {@code --partitions P} (1),
 * {@code --products K} (1,000), {@code --duplicates share} (0.02), {@code --invalid share}
 * (0.01), {@code --profile} (sample the stream thread's stack), {@code --streams.<property> value} (a Kafka
 * Streams or client property, as {@code medallion.silver.streams.<property>}). Prints figures; asserts nothing.
 */
public final class SilverBench {

    private static final String SOURCE = "cdc.shop.web_events";
    private static final double TARGET_EVENTS_PER_SECOND = 30_000;

    private SilverBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int events = Integer.parseInt(options.getOrDefault("events", "1000000"));
        int partitions = Integer.parseInt(options.getOrDefault("partitions", "1"));
        int products = Integer.parseInt(options.getOrDefault("products", "1000"));
        double duplicates = Double.parseDouble(options.getOrDefault("duplicates", "0.02"));
        double invalid = Double.parseDouble(options.getOrDefault("invalid", "0.01"));
        boolean profile = options.containsKey("profile");

        String scope = "silver-bench-" + UUID.randomUUID();
        Map<String, Object> serdes = Map.of("schema.registry.url", MockSchemaRegistry.MOCK_URL_PREFIX + scope);
        Path state = Files.createTempDirectory("silver-bench-state");
        System.out.printf(Locale.ROOT, "silver-enricher benchmark: %,d clickstream events, %d partition(s), %d products,"
                + " %.1f%% tracker retries, %.1f%% invalid; 1 stream thread, exactly_once_v2%n", events, partitions, products,
                100 * duplicates, 100 * invalid);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start()) {
            broker.createTopic(SOURCE, partitions);
            broker.createTopic("silver.web_events", partitions);
            broker.createTopic("silver.products", 1);
            prefillProducts(broker, serdes, products);
            ClickstreamEnvelopes generator = prefillEvents(broker, serdes, events, products, duplicates, invalid);

            Map<String, String> settings = new HashMap<>(Map.of(
                    SilverConfig.APPLICATION_ID, "silver-bench",
                    SilverConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers(),
                    SilverConfig.SCHEMA_REGISTRY_URL, (String) serdes.get("schema.registry.url"),
                    SilverConfig.HMAC_KEY, UUID.randomUUID() + "-" + UUID.randomUUID(),
                    SilverConfig.STATE_DIR, state.toString(),
                    SilverConfig.STREAM_THREADS, "1"));
            options.forEach((name, value) -> {
                if (name.startsWith("streams.")) {
                    settings.put(SilverConfig.STREAMS_PREFIX + name.substring("streams.".length()), value);
                }
            });
            SilverConfig config = SilverConfig.from(Settings.of(settings));
            if (!config.streamsOverrides().isEmpty()) {
                System.out.println("Kafka Streams overrides: " + config.streamsOverrides());
            }
            ResourceMeter meter = new ResourceMeter();
            try (SilverService service = new SilverService(config, new SimpleMeterRegistry());
                 Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                System.out.printf(Locale.ROOT, "machine load average (1 min) before the drain: %.1f%n",
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                long called = System.nanoTime();
                service.start();
                long running = System.nanoTime();
                ResourceMeter.Sample before = meter.sample();
                StreamThreadSampler sampler = profile ? new StreamThreadSampler(5) : null;
                awaitDrained(admin, config.applicationId(), partitions, events, service);
                long drained = System.nanoTime();
                ResourceMeter.Sample after = meter.sample();
                if (sampler != null) {
                    sampler.close();
                }
                report(events, generator, service.counters(), called, running, drained,
                        meter.describe(before, after) + System.lineSeparator() + meter.perEvent(before, after, events), sampler);
            }
        } finally {
            MockSchemaRegistry.dropScope(scope);
            deleteRecursively(state);
        }
    }

    private static void prefillProducts(EmbeddedKafkaBroker broker, Map<String, Object> serdes, int products) throws Exception {
        try (KafkaProducer<Long, Product> producer = new KafkaProducer<>(producerConfig(broker),
                AvroSerdes.primitive(Long.class, serdes, true).serializer(), AvroSerdes.specific(Product.class, serdes, false).serializer())) {
            Instant t = Instant.parse("2025-06-01T00:00:00Z");
            for (long id = 1; id <= products; id++) {
                producer.send(new ProducerRecord<>("silver.products", id, Product.newBuilder()
                        .setProductId(id).setSku("SKU-" + id).setName("Product " + id).setCategory("category-" + (id % 40))
                        .setBrand("brand-" + (id % 120)).setSupplierId(null).setUnitPrice(new BigDecimal("19.99")).setCurrency("EUR")
                        .setActive(true).setCreatedAt(t).setUpdatedAt(t).setOp("r").setSourceLsn(id).setSourceTs(t)
                        .setProcessingTs(t).setWarnings(List.of()).build()));
            }
            producer.flush();
        }
    }

    private static ClickstreamEnvelopes prefillEvents(EmbeddedKafkaBroker broker, Map<String, Object> serdes, int events,
                                                      int products, double duplicates, double invalid) {
        ClickstreamEnvelopes generator = new ClickstreamEnvelopes(42, products, duplicates, invalid,
                Instant.now().minus(Duration.ofMinutes(30)));
        long began = System.nanoTime();
        try (KafkaProducer<GenericRecord, GenericRecord> producer = new KafkaProducer<>(producerConfig(broker),
                AvroSerdes.generic(serdes, true).serializer(), AvroSerdes.generic(serdes, false).serializer())) {
            for (int i = 0; i < events; i++) {
                GenericRecord envelope = generator.next();
                producer.send(new ProducerRecord<>(SOURCE, generator.key(), envelope));
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        System.out.printf(Locale.ROOT, "pre-filled %s in %.1f s (%,.0f events/s through the registry serializer)%n",
                SOURCE, seconds, events / seconds);
        return generator;
    }

    private static Map<String, Object> producerConfig(EmbeddedKafkaBroker broker) {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    }

    /**
     * Waits until every source record is committed and every record that entered has left
     * (to silver, quarantine or as a dropped duplicate), so the repartitioned half is done too.
     */
    private static void awaitDrained(Admin admin, String group, int partitions, long events, SilverService service) throws Exception {
        List<TopicPartition> sources = IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(SOURCE, p)).toList();
        long end = admin.listOffsets(sources.stream().collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest())))
                .all().get().values().stream().mapToLong(o -> o.offset()).sum();
        if (end != events) {
            throw new IllegalStateException("expected " + events + " records on " + SOURCE + ", found " + end);
        }
        long lastReport = System.nanoTime();
        while (true) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            long done = sources.stream().map(committed::get).filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
            SilverCounters c = service.counters();
            long left = c.recordsOut().getOrDefault("silver.web_events", 0L) + c.totalQuarantined() + c.totalDedupHits();
            if (done >= end && left >= c.totalIn()) {
                return;
            }
            if (System.nanoTime() - lastReport > 5_000_000_000L) {
                System.out.printf(Locale.ROOT, "  ... %,d of %,d committed%n", done, end);
                lastReport = System.nanoTime();
            }
            Thread.sleep(100);
        }
    }

    private static void report(int events, ClickstreamEnvelopes generator, SilverCounters counters, long called, long running,
                               long drained, String resources, StreamThreadSampler sampler) {
        double drainSeconds = (drained - running) / 1e9;
        double rate = events / drainSeconds;
        long out = counters.recordsOut().getOrDefault("silver.web_events", 0L);
        long quarantined = counters.quarantined().getOrDefault("web_events", 0L);
        long dedup = counters.dedupHits().getOrDefault("web_events", 0L);
        System.out.printf(Locale.ROOT, "start (topics, global lookup restore, rebalance): %.1f s%n", (running - called) / 1e9);
        System.out.printf(Locale.ROOT, "drained %,d events in %.2f s: %,.0f events/s (target %,.0f: %s)%n", events, drainSeconds, rate,
                TARGET_EVENTS_PER_SECOND, rate >= TARGET_EVENTS_PER_SECOND ? "met"
                        : String.format(Locale.ROOT, "missed by %.0f%%", 100 * (1 - rate / TARGET_EVENTS_PER_SECOND)));
        System.out.printf(Locale.ROOT, "outputs: silver.web_events %,d, quarantined %,d, duplicates dropped %,d (generated: %,d retries, %,d invalid);"
                + " in %,d = out + quarantined + duplicates: %s%n", out, quarantined, dedup, generator.duplicates, generator.invalid,
                counters.totalIn(), out + quarantined + dedup == counters.totalIn());
        System.out.println(resources);
        System.out.printf(Locale.ROOT, "machine load average (1 min) at the end: %.1f on %d cores (other processes compete for the same CPUs)%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
        if (sampler != null) {
            System.out.print(sampler.report());
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            options.put(name, flag ? "true" : args[++i]);
        }
        return options;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
