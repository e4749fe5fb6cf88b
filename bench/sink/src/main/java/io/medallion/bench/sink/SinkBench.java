package io.medallion.bench.sink;

import io.medallion.common.config.Settings;
import io.medallion.registry.client.RegistryClientConfig;
import io.medallion.registry.serde.KafkaAvroSerializer;
import io.medallion.sink.SinkConfig;
import io.medallion.sink.SinkService;
import io.medallion.sink.TableStats;
import io.medallion.testkit.kafka.EmbeddedKafkaBroker;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The sink's figures on this machine, printed (never asserted):
 * <ol>
 *   <li>throughput: rows per second into one bronze table ({@code bronze/shop_web_events}) from a
 *   pre-filled {@code cdc.shop.web_events} topic, with large flushes;</li>
 *   <li>commit latency (Parquet write + Delta commit of one flush) p50/p99 for those large
 *   flushes and for small flushes at a trickle;</li>
 *   <li>process CPU time and heap.</li>
 * </ol>
 * Arguments: {@code [rows] [partitions]}, default 1,000,000 rows over 4 partitions. The backlog is
 * read twice by two consumer groups; the first pass warms the JIT up.
 */
public final class SinkBench {

    private static final String TOPIC = "cdc.shop.web_events";
    private static final String TABLE = "bronze/shop_web_events";
    /** The small-flush phase trickles into its own topic, so it does not re-read the big one. */
    private static final String TRICKLE_TOPIC = "cdc.shop.web_events_trickle";
    private static final String TRICKLE_TABLE = "bronze/shop_web_events_trickle";
    private static final String REGISTRY = "mock://sink-bench";
    private static final Schema ENVELOPE = new Schema.Parser().parse("""
            {"type":"record","name":"Envelope","namespace":"cdc.shop.web_events","fields":[
              {"name":"before","type":["null",{"type":"record","name":"Value","fields":[
                {"name":"id","type":"long"},
                {"name":"event_id","type":["null","string"],"default":null},
                {"name":"user_id","type":["null","string"],"default":null},
                {"name":"product_id","type":["null","string"],"default":null},
                {"name":"event_type","type":["null","string"],"default":null},
                {"name":"price","type":["null","string"],"default":null},
                {"name":"quantity","type":["null","int"],"default":null},
                {"name":"currency","type":["null","string"],"default":null},
                {"name":"ts","type":["null",{"type":"long","logicalType":"timestamp-micros"}],"default":null},
                {"name":"country","type":["null","string"],"default":null},
                {"name":"device","type":["null","string"],"default":null},
                {"name":"campaign","type":["null","string"],"default":null}]}],"default":null},
              {"name":"after","type":["null","Value"],"default":null},
              {"name":"source","type":{"type":"record","name":"Source","namespace":"io.medallion.cdc","fields":[
                {"name":"db","type":"string"},{"name":"schema","type":"string"},{"name":"table","type":"string"},
                {"name":"lsn","type":["null","long"]},{"name":"tx_id","type":["null","long"]},
                {"name":"ts_ms","type":"long"},{"name":"snapshot","type":"string"}]}},
              {"name":"op","type":"string"},
              {"name":"ts_ms","type":["null","long"],"default":null}]}""");

    private SinkBench() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Path lake = Files.createTempDirectory("sink-bench-lake");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start()) {
            broker.createTopic(TOPIC, partitions);
            long t0 = System.nanoTime();
            broker.createTopic(TRICKLE_TOPIC, 1);
            long bytes = produce(broker.bootstrapServers(), TOPIC, rows, 0);
            System.out.printf("pre-filled %s: %,d rows, %,d value bytes in %.1f s%n", TOPIC, rows, bytes,
                    (System.nanoTime() - t0) / 1e9);

            // A first pass over the backlog warms the JIT up (its figures are printed, not used).
            Result warmup = run(broker, lake, "bench-warmup", TOPIC, TABLE, Map.of(), rows, null);
            System.out.printf("%nwarm-up pass: %,.0f rows/s, %.1f s CPU%n", rows / warmup.seconds, warmup.cpuSeconds);
            // Large flushes: the default bounds (100,000 records, 64 MiB, 1 s) on a backlog.
            Result large = run(broker, lake, "bench-large", TOPIC, TABLE, Map.of(), rows, null);
            System.out.printf("%nTHROUGHPUT  %,d rows in %.2f s = %,.0f rows/s into %s (%d partitions)%n",
                    rows, large.seconds, rows / large.seconds, TABLE, partitions);
            System.out.printf("  large flushes: %d commits, %s files of ~%.1f MiB; commit latency p50 %.0f ms, p99 %.0f ms%n",
                    large.commits, large.files, large.avgFileMiB, large.p50, large.p99);
            System.out.printf("  CPU %.1f s over %.2f s wall on %d cores (%.0f%% of one core); heap used at end %d MiB, max %d MiB%n",
                    large.cpuSeconds, large.seconds, Runtime.getRuntime().availableProcessors(),
                    100 * large.cpuSeconds / large.seconds, large.heapMiB, Runtime.getRuntime().maxMemory() >> 20);
            large.cpuByThreads.forEach((g, sec) -> System.out.printf("    %-36s %6.1f s CPU = %5.2f us/row%n", g, sec, sec * 1e6 / rows));
            System.out.printf("    %-36s %6.1f s wall (stop-the-world pauses)%n", "GC", large.gcSeconds);
            System.out.printf("  load average during the run: %.1f on %d cores (other processes compete for the CPU)%n",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());

            int trickle = 15_000;
            // Small flushes: about 1,000 rows/s trickling in for 15 s, flushed every 200 ms.
            Result small = run(broker, lake, "bench-small", TRICKLE_TOPIC, TRICKLE_TABLE, Map.of(
                    SinkConfig.FLUSH_MAX_LATENCY, "200ms"), trickle,
                    () -> produceSlowly(broker.bootstrapServers(), trickle, rows));
            System.out.printf("%nSMALL FLUSHES  %d commits of ~%d rows (%.1f KiB files); commit latency p50 %.0f ms, p99 %.0f ms%n",
                    small.commits, trickle / Math.max(1, small.commits), small.avgFileMiB * 1024, small.p50, small.p99);
            System.out.printf("  CPU %.1f s over %.2f s wall%n", small.cpuSeconds, small.seconds);
        } finally {
            deleteRecursively(lake);
        }
    }

    private record Result(double seconds, long commits, long files, double avgFileMiB, double p50, double p99,
                          double cpuSeconds, long heapMiB, Map<String, Double> cpuByThreads, double gcSeconds) {
    }

    /** CPU seconds per thread group: where the time goes. */
    private static Map<String, Long> threadCpu() {
        var threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> out = new HashMap<>();
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu > 0) {
                out.merge(group(info.getThreadName()), cpu, Long::sum);
            }
        }
        return out;
    }

    private static String group(String thread) {
        if (thread.equals("sink-bronze")) {
            return "sink poll/decode/map thread";
        }
        if (thread.startsWith("sink-bronze-files")) {
            return "sink Parquet writer thread";
        }
        if (thread.startsWith("kafka-coordinator") || thread.startsWith("consumer_background") || thread.contains("consumer")) {
            return "Kafka consumer threads";
        }
        if (thread.startsWith("data-plane") || thread.startsWith("kafka-") || thread.startsWith("broker-")
                || thread.startsWith("quorum") || thread.startsWith("raft") || thread.contains("kafka")) {
            return "in-process broker";
        }
        return "other (main, metrics, Delta, ...)";
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(g -> Math.max(0, g.getCollectionTime())).sum();
    }

    /** Runs a fresh group over the whole topic until {@code expectedRows} are committed. */
    private static Result run(EmbeddedKafkaBroker broker, Path lake, String group, String topic, String table,
                              Map<String, String> flush, long expectedRows, Runnable whileRunning) throws Exception {
        Path root = lake.resolve(group);
        Map<String, String> settings = new HashMap<>(Map.of(
                "medallion.sink.table-root", root.toUri().toString(),
                "medallion.sink.bootstrap-servers", broker.bootstrapServers(),
                "medallion.sink.registry-url", REGISTRY,
                "medallion.sink.group-id", group,
                "medallion.sink.topics", topic,
                "medallion.sink.maintenance.compact-interval", "0",
                "medallion.sink.maintenance.vacuum-interval", "0"));
        settings.putAll(flush);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        meters.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return DistributionStatisticConfig.builder().percentiles(0.5, 0.99).build().merge(config);
            }
        });
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long cpu0 = os.getProcessCpuTime();
        Map<String, Long> threads0 = threadCpu();
        long gc0 = gcMillis();
        long t0 = System.nanoTime();
        try (SinkService sink = new SinkService(SinkConfig.from(Settings.of(settings)), meters)) {
            sink.start();
            Thread feeder = null;
            if (whileRunning != null) {
                feeder = new Thread(whileRunning, "bench-feeder");
                feeder.start();
            }
            while (rowsOf(sink, table) < expectedRows) {
                TimeUnit.MILLISECONDS.sleep(20);
                if (System.nanoTime() - t0 > TimeUnit.MINUTES.toNanos(10)) {
                    throw new IllegalStateException("only " + rowsOf(sink, table) + " of " + expectedRows + " rows after 10 minutes");
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            Map<String, Double> byThreads = new java.util.TreeMap<>();
            threadCpu().forEach((g, ns) -> byThreads.put(g, (ns - threads0.getOrDefault(g, 0L)) / 1e9));
            double gc = (gcMillis() - gc0) / 1e3;
            long heap = memory.getHeapMemoryUsage().getUsed() >> 20;
            if (feeder != null) {
                feeder.join();
            }
            Timer commit = meters.get("medallion.sink.commit.duration").tag("table", table).timer();
            double files = meters.get("medallion.sink.files.written").tag("table", table).counter().count();
            double fileBytes = meters.get("medallion.sink.bytes.written").tag("table", table).counter().count();
            HistogramSnapshot h = commit.takeSnapshot();
            return new Result(seconds, commit.count(), (long) files, files == 0 ? 0 : fileBytes / files / (1 << 20),
                    percentile(h, 0.5), percentile(h, 0.99), cpu, heap, byThreads, gc);
        }
    }

    private static long rowsOf(SinkService sink, String table) {
        return sink.tableStats().stream().filter(t -> t.table().equals(table)).mapToLong(TableStats::rowsCommitted).sum();
    }

    private static double percentile(HistogramSnapshot h, double p) {
        for (ValueAtPercentile v : h.percentileValues()) {
            if (v.percentile() == p) {
                return v.value(TimeUnit.MILLISECONDS);
            }
        }
        return Double.NaN;
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static KafkaAvroSerializer serializer() {
        KafkaAvroSerializer s = new KafkaAvroSerializer();
        s.configure(Map.of(RegistryClientConfig.URL, REGISTRY), false);
        return s;
    }

    private static long produce(String bootstrap, String topic, int rows, long firstId) {
        long bytes = 0;
        Random random = new Random(42);
        try (KafkaProducer<byte[], byte[]> p = producer(bootstrap); KafkaAvroSerializer ser = serializer()) {
            for (int i = 0; i < rows; i++) {
                byte[] value = ser.serialize(topic, event(random, firstId + i));
                bytes += value.length;
                p.send(new ProducerRecord<>(topic, Long.toString(firstId + i).getBytes(), value));
            }
            p.flush();
        }
        return bytes;
    }

    private static void produceSlowly(String bootstrap, int rows, long firstId) {
        Random random = new Random(7);
        try (KafkaProducer<byte[], byte[]> p = producer(bootstrap); KafkaAvroSerializer ser = serializer()) {
            for (int i = 0; i < rows; i++) {
                p.send(new ProducerRecord<>(TRICKLE_TOPIC, Long.toString(firstId + i).getBytes(),
                        ser.serialize(TRICKLE_TOPIC, event(random, firstId + i))));
                if (i % 100 == 99) {
                    p.flush();
                    TimeUnit.MILLISECONDS.sleep(100);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final String[] TYPES = {"page_view", "page_view", "page_view", "add_to_cart", "purchase"};
    private static final String[] COUNTRIES = {"DE", "FR", "US", "GB", "NL", "ES", "IT", "PL"};
    private static final String[] DEVICES = {"mobile", "desktop", "tablet"};

    private static GenericRecord event(Random random, long id) {
        Schema valueSchema = ENVELOPE.getField("after").schema().getTypes().get(1);
        GenericRecord v = new GenericData.Record(valueSchema);
        String type = TYPES[random.nextInt(TYPES.length)];
        long ts = 1_714_521_600_000_000L + id * 1_000L;
        v.put("id", id);
        v.put("event_id", UUID.nameUUIDFromBytes(Long.toString(id).getBytes()).toString());
        v.put("user_id", "u" + random.nextInt(100_000));
        v.put("product_id", "p" + random.nextInt(5_000));
        v.put("event_type", type);
        v.put("price", type.equals("purchase") ? (random.nextInt(20_000) / 100.0) + "" : null);
        v.put("quantity", type.equals("purchase") ? 1 + random.nextInt(3) : null);
        v.put("currency", "EUR");
        v.put("ts", ts);
        v.put("country", COUNTRIES[random.nextInt(COUNTRIES.length)]);
        v.put("device", DEVICES[random.nextInt(DEVICES.length)]);
        v.put("campaign", random.nextInt(4) == 0 ? "spring-sale" : null);
        GenericRecord source = new GenericData.Record(ENVELOPE.getField("source").schema());
        source.put("db", "shop");
        source.put("schema", "shop");
        source.put("table", "web_events");
        source.put("lsn", 1_000_000L + id * 64);
        source.put("tx_id", 5_000L + id);
        source.put("ts_ms", System.currentTimeMillis());
        source.put("snapshot", "false");
        GenericRecord e = new GenericData.Record(ENVELOPE);
        e.put("after", v);
        e.put("source", source);
        e.put("op", "c");
        e.put("ts_ms", System.currentTimeMillis());
        return e;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
