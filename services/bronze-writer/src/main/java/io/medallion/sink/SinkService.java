package io.medallion.sink;

import io.medallion.avro.common.DeadLetter;
import io.medallion.common.deadletter.DeadLetters;
import io.medallion.common.deadletter.FailureKind;
import io.medallion.common.lifecycle.Health;
import io.medallion.common.lifecycle.ManagedService;
import io.medallion.sink.delta.LakehouseStorage;
import io.medallion.sink.mapping.BronzeMapper;
import io.medallion.sink.mapping.ContractMapper;
import io.medallion.sink.mapping.LayerMapper;
import io.medallion.sink.mapping.WireFormat;
import io.medallion.sink.metrics.SinkMetrics;
import io.medallion.sink.parquet.BackgroundFiles;
import io.medallion.sink.parquet.ParquetRowWriter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The sink's core: consumes one layer's topics and commits them to Delta tables with
 * exactly-once effect (see the README for the invariants). Framework-free; the launcher and
 * the Micronaut application construct it from {@link SinkConfig#from}.
 *
 * <p>One thread polls, maps, buffers and commits; a second runs scheduled maintenance. On
 * every partition assignment the position is read from the table's {@code txn} actions; Kafka's
 * committed offsets are only written, as a hint for lag tools.
 */
public final class SinkService implements ManagedService {

    private static final Logger LOG = LoggerFactory.getLogger(SinkService.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);
    private static final long LAG_REPORT_MILLIS = 5_000;
    /** Dead letters carry no registry schema id; they share one projector. */
    private static final int DEAD_LETTER_SCHEMA = 0;

    private enum State { NEW, STARTING, RUNNING, FAILED, STOPPED }

    private final SinkConfig config;
    private final SinkMetrics metrics;
    private final ValueDecoder decoder;
    private final FlushHooks hooks;
    private final Clock clock;
    private final LakehouseStorage storage;
    private final BackgroundFiles files;
    private final LayerMapper mapper;
    private final Map<String, TableWriter> writers = new ConcurrentHashMap<>();
    private final Map<String, Optional<TableWriter>> byTopic = new HashMap<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private final SinkMaintenance maintenance;

    private volatile State state = State.NEW;
    private volatile boolean running;
    /** Set when the poll thread died: nothing may be flushed any more, not even by a rebalance callback. */
    private volatile boolean crashed;
    private volatile Throwable failure;
    private volatile Thread thread;
    private TableWriter deadLetters;
    private KafkaConsumer<byte[], byte[]> consumer;
    private KafkaClientMetrics consumerMetrics;
    private MaintenanceScheduler scheduler;
    private long lastLagReport;

    /** A sink with the schema registry the configuration names. */
    public SinkService(SinkConfig config, MeterRegistry registry) {
        this(config, registry, RegistryValueDecoder.create(config), FlushHooks.NONE, Clock.systemUTC());
    }

    SinkService(SinkConfig config, MeterRegistry registry, ValueDecoder decoder, FlushHooks hooks, Clock clock) {
        this.config = config;
        this.metrics = new SinkMetrics(registry, config.layer().directory());
        this.decoder = decoder;
        this.hooks = hooks;
        this.clock = clock;
        this.storage = SinkStorage.open(config.storage());
        this.files = new BackgroundFiles(new ParquetRowWriter(storage.hadoopConf(), config.storage().compression(),
                config.storage().rowGroupBytes()), "sink-" + config.layer().directory() + "-files");
        this.mapper = config.layer() == Layer.BRONZE ? new BronzeMapper() : new ContractMapper();
        this.maintenance = new SinkMaintenance(config.storage(), storage);
    }

    @Override
    public String name() {
        return config.serviceName();
    }

    /** Compaction, VACUUM and checkpoints of this sink's tables, on demand. */
    public SinkMaintenance maintenance() {
        return maintenance;
    }

    @Override
    public void start() {
        synchronized (this) {
            if (state != State.NEW) {
                throw new IllegalStateException(name() + " was already started");
            }
            state = State.STARTING;
        }
        // Opening the dead-letter table reads storage: an unreachable root fails here, at start.
        deadLetters = newWriter(config.layer().deadLetterTable(), new ContractMapper(), true);
        writers.put(deadLetters.name(), deadLetters);
        running = true;
        Thread t = new Thread(this::run, "sink-" + config.layer().directory());
        t.setDaemon(false);
        thread = t;
        t.start();
        try {
            if (!started.await(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                throw new IllegalStateException(name() + " did not start within " + START_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting " + name(), e);
        }
        if (failure != null) {
            throw new IllegalStateException(name() + " failed to start: " + failure.getMessage(), failure);
        }
        scheduler = new MaintenanceScheduler(config.storage(), maintenance);
        scheduler.start();
        LOG.info("{} started: topics {} into {}/{}", name(),
                config.topics().isEmpty() ? config.topicPattern().pattern() : config.topics(),
                config.tableRoot(), config.layer().directory());
    }

    @Override
    public Health health() {
        State s = state;
        Map<String, Object> details = new LinkedHashMap<>();
        List<TableStats> tables = tableStats();
        details.put("tables", tables.size());
        details.put("rowsCommitted", tables.stream().mapToLong(TableStats::rowsCommitted).sum());
        List<String> stopped = tables.stream().filter(TableStats::stopped)
                .map(t -> t.table() + ": " + t.stoppedReason().orElse("")).toList();
        if (!stopped.isEmpty()) {
            details.put("stoppedTables", stopped);
        }
        if (failure != null) {
            details.put("error", String.valueOf(failure));
        }
        return new Health(s != State.FAILED, s == State.RUNNING, s.name(), details);
    }

    /**
     * Since when a record read from Kafka has been waiting for its Delta commit (the oldest such
     * record over every table, dead letters included); empty when everything read is committed.
     * Safe to call from any thread; the readiness check compares it with a bound.
     */
    public Optional<Instant> uncommittedSince() {
        long oldest = Long.MAX_VALUE;
        for (TableWriter w : writers.values()) {
            OptionalLong since = w.pendingSinceMillis();
            if (since.isPresent()) {
                oldest = Math.min(oldest, since.getAsLong());
            }
        }
        return oldest == Long.MAX_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(oldest));
    }

    /** Progress of every table this instance has written or opened, dead-letter table included. */
    public List<TableStats> tableStats() {
        List<TableStats> out = new ArrayList<>();
        writers.values().forEach(w -> out.add(w.stats()));
        out.sort(java.util.Comparator.comparing(TableStats::table));
        return out;
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(CLOSE_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (scheduler != null) {
            scheduler.close();
        }
        files.close();
        decoder.close();
        if (state != State.FAILED) {
            state = State.STOPPED;
        }
    }

    private void run() {
        try {
            consumer = new KafkaConsumer<>(consumerProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
            consumerMetrics = new KafkaClientMetrics(consumer);
            consumerMetrics.bindTo(metrics.registry());
            // Fails fast (start() reports it) when the brokers cannot be reached.
            consumer.listTopics(Duration.ofSeconds(30));
            Listener listener = new Listener();
            if (config.topics().isEmpty()) {
                consumer.subscribe(subscriptionPattern(), listener);
            } else {
                consumer.subscribe(config.topics(), listener);
            }
            state = State.RUNNING;
            started.countDown();
            while (running) {
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = consumer.poll(config.pollTimeout());
                } catch (WakeupException e) {
                    break;
                }
                for (TopicPartition tp : records.partitions()) {
                    List<ConsumerRecord<byte[], byte[]>> batch = records.records(tp);
                    metrics.recordsIn(tp.topic(), batch.size());
                    for (ConsumerRecord<byte[], byte[]> r : batch) {
                        handle(r);
                    }
                }
                flushDue();
                reportLag();
            }
        } catch (Throwable e) {
            crashed = true;
            failure = e;
            state = State.FAILED;
            LOG.error("{} failed; nothing past the last Delta commit is kept, a restart resumes from the tables", name(), e);
        } finally {
            started.countDown();
            shutdown();
        }
    }

    private void shutdown() {
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c == null) {
            return;
        }
        try {
            if (!crashed) {
                flushAll();
            }
        } catch (RuntimeException e) {
            crashed = true;
            failure = e;
            state = State.FAILED;
            LOG.error("{}: final flush failed; a restart resumes from the last commit", name(), e);
        }
        try {
            c.close(CloseOptions.timeout(crashed ? Duration.ZERO : Duration.ofSeconds(10)));
        } catch (RuntimeException e) {
            LOG.warn("{}: closing the consumer failed: {}", name(), e.toString());
        }
        if (consumerMetrics != null) {
            consumerMetrics.close();
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> r) {
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        TableWriter w = writerFor(r.topic());
        if (w == null) {
            return;
        }
        long size = r.serializedValueSize() + (long) Math.max(0, r.serializedKeySize());
        if (r.offset() <= w.knownCommittedOffset(tp)) {
            return;
        }
        if (w.stopped()) {
            deadLetter(DeadLetters.schemaIncompatible(name(), r, "table " + w.name() + " is stopped: "
                    + w.stoppedReason().orElse(""), clock.instant()), r, size);
        } else {
            accept(w, r, size);
        }
        w.consumed(tp, r.offset(), size);
    }

    private void accept(TableWriter w, ConsumerRecord<byte[], byte[]> r, long size) {
        int schemaId;
        org.apache.avro.generic.GenericRecord value;
        if (r.value() == null) {
            deadLetter(DeadLetters.mapping(name(), r, "record has no value (a tombstone); no row to write", clock.instant()), r, size);
            return;
        }
        try {
            schemaId = WireFormat.schemaId(r.value());
            value = decoder.decode(r.topic(), r.value());
        } catch (RegistryUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            deadLetter(DeadLetters.deserialization(name(), r, e, clock.instant()), r, size);
            return;
        }
        if (w.needsFlushBefore(value, schemaId)) {
            // The batch's file has the old columns: commit it, the new columns start a new batch.
            flushTable(w);
        }
        Optional<TableWriter.Rejection> rejected = w.add(r, value, schemaId);
        if (rejected.isEmpty()) {
            return;
        }
        TableWriter.Rejection why = rejected.get();
        if (why.kind() == FailureKind.SCHEMA_INCOMPATIBLE) {
            // Commit what came before the incompatible record, then stop: nothing after it is written.
            flushTable(w);
            w.stop(why.reason());
            metrics.stoppedTables(writers.values().stream().filter(TableWriter::stopped).count());
            deadLetter(DeadLetters.schemaIncompatible(name(), r, why.reason(), clock.instant()), r, size);
        } else {
            deadLetter(DeadLetters.mapping(name(), r, why.reason(), clock.instant()), r, size);
        }
    }

    private void deadLetter(DeadLetter letter, ConsumerRecord<byte[], byte[]> r, long size) {
        metrics.deadLetter(r.topic(), letter.getFailureKind());
        LOG.warn("{}: {}-{}@{} goes to the dead-letter table: {}", name(), r.topic(), r.partition(), r.offset(), letter.getReason());
        Optional<TableWriter.Rejection> rejected = deadLetters.add(r, letter, DEAD_LETTER_SCHEMA);
        if (rejected.isPresent()) {
            throw new IllegalStateException("cannot write a dead letter: " + rejected.get().reason());
        }
        deadLetters.consumed(new TopicPartition(r.topic(), r.partition()), r.offset(), size);
    }

    private void flushDue() {
        for (TableWriter w : writers.values()) {
            if (w != deadLetters && w.shouldFlush()) {
                flushTable(w);
            }
        }
        if (deadLetters.shouldFlush()) {
            commitHint(deadLetters.flush());
        }
    }

    private void flushAll() {
        for (TableWriter w : writers.values()) {
            if (w != deadLetters && w.hasPending()) {
                flushTable(w);
            }
        }
        if (deadLetters.hasPending()) {
            deadLetters.flush();
        }
    }

    /** Dead letters first: a data commit moves the partition past them, so they must be durable before. */
    private void flushTable(TableWriter w) {
        if (deadLetters.hasPending()) {
            deadLetters.flush();
        }
        TableWriter.FlushResult result = w.flush();
        reseek(w, result.reseek());
        commitHint(result);
    }

    /** Moves the consumer to the table's offset + 1 on partitions whose position is stale. */
    private void reseek(TableWriter w, Set<TopicPartition> partitions) {
        Set<TopicPartition> assigned = consumer.assignment();
        for (TopicPartition tp : partitions) {
            if (assigned.contains(tp)) {
                long next = w.knownCommittedOffset(tp) + 1;
                LOG.warn("{}: {} continues from the table's offset {}", name(), tp, next);
                if (next > 0) {
                    consumer.seek(tp, next);
                } else {
                    consumer.seekToBeginning(List.of(tp));
                }
            }
        }
    }

    /** Kafka's committed offsets are a hint for lag tools only; the tables are the truth. */
    private void commitHint(TableWriter.FlushResult result) {
        if (result.version().isEmpty()) {
            return;
        }
        Set<TopicPartition> assigned = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        result.committedOffsets().forEach((tp, o) -> {
            if (assigned.contains(tp) && o >= 0) {
                offsets.put(tp, new OffsetAndMetadata(o + 1));
            }
        });
        if (!offsets.isEmpty()) {
            consumer.commitAsync(offsets, (o, e) -> {
                if (e != null) {
                    LOG.debug("{}: Kafka offset hint not committed: {}", name(), e.toString());
                }
            });
        }
    }

    private void reportLag() {
        long now = clock.millis();
        if (now - lastLagReport < LAG_REPORT_MILLIS) {
            return;
        }
        lastLagReport = now;
        Map<String, Long> lag = new HashMap<>();
        for (TopicPartition tp : consumer.assignment()) {
            consumer.currentLag(tp).ifPresent(l -> config.layer().tableFor(tp.topic())
                    .ifPresent(t -> lag.merge(t, l, Long::sum)));
        }
        lag.forEach(metrics::lag);
    }

    /** The writer of a topic's table, or null for a topic this sink does not own. Cached per topic: called per record. */
    private TableWriter writerFor(String topic) {
        return byTopic.computeIfAbsent(topic, t -> {
            Optional<String> table = config.layer().tableFor(t);
            if (table.isEmpty() || !config.owns(t)) {
                return Optional.empty();
            }
            return Optional.of(writers.computeIfAbsent(table.get(), name -> newWriter(name, mapper, false)));
        }).orElse(null);
    }

    /** @param retainRows true for the dead-letter table only (see {@link TableWriter}) */
    private TableWriter newWriter(String table, LayerMapper m, boolean retainRows) {
        return new TableWriter(table, storage.open(table), m, files,
                config.storage().compression().getExtension(), config.flush(), metrics, clock, config.groupId(),
                Map.of("service", name(), "serviceVersion", SinkVersion.VERSION), hooks, retainRows);
    }

    private Pattern subscriptionPattern() {
        // The capture heartbeat topic never holds rows, whatever the configured pattern says.
        return Pattern.compile("(?!" + Pattern.quote(io.medallion.common.topics.TopicNames.CAPTURE_HEARTBEAT) + "$)(?:"
                + config.topicPattern().pattern() + ")");
    }

    /**
     * Default consumer session timeout (Kafka's is 45 s), overridable with
     * {@code medallion.sink.kafka.session.timeout.ms}: the partitions of an instance that crashed
     * stay unassigned until its session expires, so this bounds how long a killed pod stalls its
     * tables (bench/run faults measured 33 s of it with the default).
     */
    static final int SESSION_TIMEOUT_MS = 10_000;

    private Map<String, Object> consumerProperties() {
        return consumerProperties(config);
    }

    static Map<String, Object> consumerProperties(SinkConfig config) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Silver and gold are written transactionally by Kafka Streams: read only what committed.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "medallion-sink-" + config.layer().directory());
        p.putAll(config.kafka());
        return p;
    }

    private final class Listener implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            if (!SinkService.this.crashed) {
                // Commit what we hold while we still own the partitions; the next owner starts after it.
                flushAll();
            }
            drop(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            drop(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) {
                TableWriter w = writerFor(tp.topic());
                if (w == null) {
                    continue;
                }
                long committed = w.readCommittedOffset(tp);
                if (committed >= 0) {
                    consumer.seek(tp, committed + 1);
                } else {
                    consumer.seekToBeginning(List.of(tp));
                }
                LOG.info("{}: {} resumes at offset {} (from table {})", name(), tp,
                        committed >= 0 ? committed + 1 : "earliest", w.name());
            }
        }

        private void drop(Collection<TopicPartition> partitions) {
            Set<TopicPartition> gone = new HashSet<>(partitions);
            for (TableWriter w : writers.values()) {
                Set<TopicPartition> stale = w.drop(gone);
                stale.forEach(w::readCommittedOffset);
                reseek(w, stale);
            }
        }
    }
}
