package io.medallion.capture.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Every metric cdc-capture publishes, by name, in one place. Tags: {@code slot} on slot gauges,
 * {@code table} ({@code schema.table}) on per-table counters.
 */
public final class CaptureMetrics {

    /** Changes acknowledged by Kafka, per table. */
    public static final String RECORDS = "medallion.capture.records";
    /** Heartbeat records acknowledged by Kafka. */
    public static final String HEARTBEATS = "medallion.capture.heartbeats";
    /** Source commit to Kafka acknowledgement, streamed changes only (snapshot reads have no commit). */
    public static final String LAG = "medallion.capture.lag";
    /** WAL written but not yet confirmed by capture: {@code pg_current_wal_lsn() - confirmed_flush_lsn}, bytes. */
    public static final String SLOT_LAG = "medallion.capture.slot.lag.bytes";
    /** WAL kept on the server for the slot: {@code pg_current_wal_lsn() - restart_lsn}, bytes. */
    public static final String SLOT_RETAINED_WAL = "medallion.capture.slot.retained.wal.bytes";
    /** {@link #engineStateCode} of the Debezium engine. */
    public static final String ENGINE_STATE = "medallion.capture.engine.state";
    /** Batches that failed to reach Kafka (each stops the engine; nothing is skipped). */
    public static final String SEND_FAILURES = "medallion.capture.send.failures";

    private final MeterRegistry registry;
    private final Map<String, Counter> perTable = new ConcurrentHashMap<>();
    // Own totals next to the meters: a step-based registry resets its counters every step.
    private final Map<String, LongAdder> perTableTotals = new ConcurrentHashMap<>();
    private final LongAdder heartbeatTotal = new LongAdder();
    private final Counter heartbeats;
    private final Counter sendFailures;
    private final Timer lag;
    private final AtomicLong slotLag = new AtomicLong(-1);
    private final AtomicLong retainedWal = new AtomicLong(-1);

    public CaptureMetrics(MeterRegistry registry, String slot, Supplier<Number> engineStateCode) {
        this.registry = registry;
        this.heartbeats = Counter.builder(HEARTBEATS).description("Heartbeat records acknowledged by Kafka").register(registry);
        this.sendFailures = Counter.builder(SEND_FAILURES).description("Batches that failed to reach Kafka").register(registry);
        this.lag = Timer.builder(LAG).description("Source commit to Kafka acknowledgement")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
        Gauge.builder(SLOT_LAG, slotLag, AtomicLong::get).tag("slot", slot).baseUnit("bytes")
                .description("WAL not yet confirmed by capture (-1 before the first reading)").register(registry);
        Gauge.builder(SLOT_RETAINED_WAL, retainedWal, AtomicLong::get).tag("slot", slot).baseUnit("bytes")
                .description("WAL retained for the slot (-1 before the first reading)").register(registry);
        Gauge.builder(ENGINE_STATE, engineStateCode).description("0 created, 1 starting, 2 snapshotting, 3 streaming, 4 stopped, 5 failed")
                .register(registry);
    }

    public void captured(String table) {
        perTable.computeIfAbsent(table, t -> Counter.builder(RECORDS).tag("table", t)
                .description("Changes acknowledged by Kafka").register(registry)).increment();
        perTableTotals.computeIfAbsent(table, t -> new LongAdder()).increment();
    }

    public void heartbeat() {
        heartbeats.increment();
        heartbeatTotal.increment();
    }

    /** Changes acknowledged so far, per {@code schema.table}. */
    public Map<String, Long> capturedPerTable() {
        Map<String, Long> out = new TreeMap<>();
        perTableTotals.forEach((t, n) -> out.put(t, n.sum()));
        return out;
    }

    public long heartbeats() {
        return heartbeatTotal.sum();
    }

    public void sendFailed() {
        sendFailures.increment();
    }

    public void lag(long millis) {
        lag.record(Duration.ofMillis(Math.max(0, millis)));
    }

    public void slot(long lagBytes, long retainedBytes) {
        slotLag.set(lagBytes);
        retainedWal.set(retainedBytes);
    }

    public long slotLagBytes() {
        return slotLag.get();
    }

    public long retainedWalBytes() {
        return retainedWal.get();
    }
}
