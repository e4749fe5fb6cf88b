package io.medallion.sink.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sink's metric catalogue: every name it publishes, in one place. Tags: {@code layer} on
 * all, {@code topic} or {@code table} as named.
 */
public final class SinkMetrics {

    public static final String RECORDS_IN = "medallion.sink.records.in";
    public static final String RECORDS_OUT = "medallion.sink.records.out";
    public static final String DEAD_LETTERS = "medallion.sink.dead.letters";
    public static final String COMMIT_DURATION = "medallion.sink.commit.duration";
    public static final String COMMIT_CONFLICTS = "medallion.sink.commit.skipped.records";
    public static final String FILES_WRITTEN = "medallion.sink.files.written";
    public static final String BYTES_WRITTEN = "medallion.sink.bytes.written";
    public static final String FRESHNESS = "medallion.sink.freshness";
    public static final String CONSUMER_LAG = "medallion.sink.consumer.lag";
    public static final String TABLES_STOPPED = "medallion.sink.tables.stopped";

    /** Freshness SLO buckets: the promise is 2 s at moderate load. */
    static final Duration[] FRESHNESS_SLOS = {Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5)};

    private final MeterRegistry registry;
    private final String layer;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> summaries = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

    public SinkMetrics(MeterRegistry registry, String layer) {
        this.registry = registry;
        this.layer = layer;
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void recordsIn(String topic, long n) {
        counter(RECORDS_IN, "topic", topic, "Records read from Kafka").increment(n);
    }

    public void recordsOut(String table, long n) {
        counter(RECORDS_OUT, "table", table, "Rows committed to Delta").increment(n);
    }

    public void deadLetter(String topic, String kind) {
        counters.computeIfAbsent(DEAD_LETTERS + topic + kind, k -> Counter.builder(DEAD_LETTERS)
                .description("Records sent to the sink's dead-letter table")
                .tags("layer", layer, "topic", topic, "kind", kind).register(registry)).increment();
    }

    /** Records left out of a commit because another writer had committed them already. */
    public void skippedAsCommitted(String table, long n) {
        counter(COMMIT_CONFLICTS, "table", table, "Records already committed by another writer, left out").increment(n);
    }

    public void commit(String table, Duration took, int files, long bytes) {
        timers.computeIfAbsent(COMMIT_DURATION + table, k -> Timer.builder(COMMIT_DURATION)
                .description("Write of the Parquet file and Delta commit of one flush")
                .tags("layer", layer, "table", table).publishPercentileHistogram().register(registry)).record(took);
        counter(FILES_WRITTEN, "table", table, "Data files committed").increment(files);
        counter(BYTES_WRITTEN, "table", table, "Bytes of data files committed").increment(bytes);
    }

    /** Source commit time to Delta commit time of one row, ms. */
    public DistributionSummary freshness(String table) {
        return summaries.computeIfAbsent(FRESHNESS + table, k -> DistributionSummary.builder(FRESHNESS)
                .description("Source commit to Delta commit, per row")
                .baseUnit("milliseconds")
                .serviceLevelObjectives(java.util.Arrays.stream(FRESHNESS_SLOS).mapToDouble(Duration::toMillis).toArray())
                .tags("layer", layer, "table", table).register(registry));
    }

    /** Records behind the log end, summed over the table's assigned partitions. */
    public void lag(String table, long records) {
        gauge(CONSUMER_LAG, "table", table, "Records behind the end of the assigned partitions").set(records);
    }

    public void stoppedTables(long n) {
        gauge(TABLES_STOPPED, "layer", layer, "Tables stopped by an incompatible schema change").set(n);
    }

    private Counter counter(String name, String tag, String value, String description) {
        return counters.computeIfAbsent(name + value, k -> Counter.builder(name).description(description)
                .tags("layer", layer, tag, value).register(registry));
    }

    private AtomicLong gauge(String name, String tag, String value, String description) {
        return gauges.computeIfAbsent(name + value, k -> {
            AtomicLong holder = new AtomicLong();
            Gauge.builder(name, holder, AtomicLong::get).description(description)
                    .tags(tag.equals("layer") ? new String[]{"layer", layer} : new String[]{"layer", layer, tag, value})
                    .register(registry);
            return holder;
        });
    }
}
