package io.medallion.capture;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.ChangeEventFormat;
import io.debezium.engine.RecordChangeEvent;
import io.medallion.capture.avro.RecordMapper;
import io.medallion.capture.metrics.CaptureMetrics;
import io.medallion.capture.wal.OffsetTopicReader;
import io.medallion.capture.wal.ReplicationSlots;
import io.medallion.capture.wal.SlotState;
import io.medallion.capture.wal.StoredOffset;
import io.medallion.capture.wal.WalGapCheck;
import io.medallion.common.config.ConfigException;
import io.medallion.common.lifecycle.Health;
import io.medallion.common.lifecycle.ManagedService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * cdc-capture's core: PostgreSQL changes (Debezium embedded engine, pgoutput) to the
 * {@code cdc.<schema>.<table>} topics of docs/cdc-envelope.md.
 *
 * <p>{@link #start()} checks everything that can be checked up front (database reachable with
 * these credentials, publication and tables present, Kafka reachable, no WAL gap between stored
 * offsets and the slot) and throws at once when something is wrong; then it starts the engine
 * and returns once the connector task runs. Engine failures later are reported by
 * {@link #health()} (not live), never swallowed.
 */
public final class CaptureService implements ManagedService {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureService.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final CaptureConfig config;
    private final MeterRegistry meters;
    private final CaptureMetrics metrics;
    private final AtomicReference<EngineState> state = new AtomicReference<>(EngineState.CREATED);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch taskStartedOrDone = new CountDownLatch(1);
    private final StreamingStatus streaming;

    private Admin admin;
    private WireSerializers serializers;
    private Producer<Object, Object> producer;
    private KafkaClientMetrics producerMetrics;
    private DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private ExecutorService engineThread;
    private SlotMonitor slotMonitor;
    private ScheduledExecutorService slotPoller;

    public CaptureService(CaptureConfig config, MeterRegistry meters) {
        this.config = config;
        this.meters = meters;
        this.metrics = new CaptureMetrics(meters, config.slot(), () -> state().code());
        this.streaming = new StreamingStatus(config.topicPrefix());
    }

    @Override
    public String name() {
        return "cdc-capture";
    }

    @Override
    public synchronized void start() {
        if (state.get() != EngineState.CREATED) {
            throw new IllegalStateException("cdc-capture was already started");
        }
        state.set(EngineState.STARTING);
        try {
            DatabaseProbe.check(config);
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap(),
                    AdminClientConfig.CLIENT_ID_CONFIG, config.engineName() + "-admin"));
            requireKafka();
            refuseWalGap();
            serializers = WireSerializers.connect(config);
            producer = new KafkaProducer<>(producerProperties(), serializers.keys(), serializers.values());
            producerMetrics = new KafkaClientMetrics(producer);
            producerMetrics.bindTo(meters);
            KafkaChangeSender sender = new KafkaChangeSender(new RecordMapper(), producer,
                    new TopicCreator(admin, config.topicPartitions(), config.topicReplication()), metrics);
            engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                    .using(DebeziumProperties.of(config))
                    .using(new EngineCallbacks())
                    .using(this::engineCompleted)
                    .notifying(sender)
                    .build();
            engineThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "cdc-capture-engine"));
            engineThread.execute(engine);
            awaitTaskStarted();
            slotMonitor = new SlotMonitor(config, metrics);
            slotPoller = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "cdc-capture-slot-metrics");
                t.setDaemon(true);
                return t;
            });
            long every = config.slotMetricsInterval().toMillis();
            slotPoller.scheduleWithFixedDelay(slotMonitor::poll, 0, every, TimeUnit.MILLISECONDS);
            LOG.info("cdc-capture started: {} slot '{}' publication '{}' -> {}.* on {}", config.database(), config.slot(),
                    config.publication(), config.topicPrefix(), config.kafkaBootstrap());
        } catch (RuntimeException e) {
            state.set(EngineState.FAILED);
            failure.compareAndSet(null, e);
            releaseResources();
            throw e;
        }
    }

    @Override
    public Health health() {
        EngineState s = state();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("slot", config.slot());
        details.put("changes", metrics.capturedPerTable().values().stream().mapToLong(Long::longValue).sum());
        details.put("slotLagBytes", metrics.slotLagBytes());
        details.put("retainedWalBytes", metrics.retainedWalBytes());
        Throwable error = failure.get();
        if (error != null) {
            details.put("error", String.valueOf(error.getMessage()));
        }
        boolean live = s != EngineState.FAILED && s != EngineState.STOPPED;
        // Ready only while the replication stream is connected (Debezium reconnects on its own after a blip).
        boolean ready = s == EngineState.STREAMING && streaming.connected();
        return new Health(live, ready, s.name().toLowerCase(), details);
    }

    /** Counts and slot readings so far. */
    public CaptureStats stats() {
        Map<String, Long> perTable = metrics.capturedPerTable();
        return new CaptureStats(state(), perTable.values().stream().mapToLong(Long::longValue).sum(), perTable,
                metrics.heartbeats(), metrics.slotLagBytes(), metrics.retainedWalBytes());
    }

    /**
     * Waits until every change committed in the source before this call is on Kafka and confirmed
     * to the slot (which happens only once its offsets are stored): the snapshot is done
     * (streaming) and the slot's confirmed position is at or past the WAL position of the call.
     * Needs heartbeats (or captured traffic) to move the slot when the last changes were in tables
     * that are not captured.
     *
     * @return false when the timeout passed or the engine failed first
     */
    public boolean awaitCaughtUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection c = DatabaseProbe.connect(config)) {
            long target = ReplicationSlots.currentWalLsn(c);
            while (System.nanoTime() < deadline && state() != EngineState.FAILED) {
                // Right after start the slot's position is where the snapshot began: not a sign of progress.
                Optional<SlotState> slot = ReplicationSlots.find(c, config.slot());
                if (state() == EngineState.STREAMING
                        && slot.flatMap(SlotState::confirmedFlush).filter(lsn -> Long.compareUnsigned(lsn, target) >= 0).isPresent()) {
                    return true;
                }
                Thread.sleep(100);
            }
            return false;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read slot '" + config.slot() + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Why the engine failed, if it did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    /**
     * Stops the engine (which stores the offsets of everything acknowledged), then the producer.
     * The slot is kept: the next start resumes from the stored offsets.
     */
    @Override
    public synchronized void close() {
        EngineState before = state.get();
        releaseResources();
        if (before != EngineState.FAILED) {
            state.set(EngineState.STOPPED);
        }
    }

    private EngineState state() {
        EngineState s = state.get();
        if (s == EngineState.SNAPSHOTTING && streaming.connected()) {
            state.compareAndSet(EngineState.SNAPSHOTTING, EngineState.STREAMING);
            return state.get();
        }
        return s;
    }

    private void requireKafka() {
        try {
            admin.describeCluster().clusterId().get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new ConfigException(CaptureConfig.KAFKA_BOOTSTRAP, "no Kafka broker answered at " + config.kafkaBootstrap()
                    + " within " + KAFKA_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while contacting Kafka", e);
        }
    }

    private void refuseWalGap() {
        Optional<StoredOffset> stored = OffsetTopicReader.read(config.kafkaBootstrap(), config.offsetsTopic(),
                config.engineName(), config.topicPrefix(), KAFKA_TIMEOUT);
        Optional<SlotState> slot;
        try (Connection c = DatabaseProbe.connect(config)) {
            slot = ReplicationSlots.find(c, config.slot());
        } catch (SQLException e) {
            throw DatabaseProbe.classify(e, config);
        }
        LOG.info("Stored offsets: {}; slot '{}': {}", stored.map(Object::toString).orElse("none (first start)"),
                config.slot(), slot.map(Object::toString).orElse("absent"));
        WalGapCheck.verify(config.slot(), stored, slot);
    }

    private Map<String, Object> producerProperties() {
        Map<String, Object> p = new HashMap<>(config.producer());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, config.engineName());
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        // The no-loss promise: these are not negotiable.
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        return p;
    }

    private void awaitTaskStarted() {
        try {
            if (!taskStartedOrDone.await(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Debezium's connector task did not start within " + START_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting capture", e);
        }
        Throwable error = failure.get();
        if (state.get() == EngineState.FAILED || error != null) {
            throw new IllegalStateException("Debezium engine failed to start: " + (error == null ? "unknown" : error.getMessage()), error);
        }
    }

    private void engineCompleted(boolean success, String message, Throwable error) {
        if (error != null || !success) {
            failure.compareAndSet(null, error != null ? error : new IllegalStateException(message));
            state.set(EngineState.FAILED);
            LOG.error("Debezium engine stopped with an error: {}", message, error);
        } else {
            state.updateAndGet(s -> s == EngineState.FAILED ? s : EngineState.STOPPED);
            LOG.info("Debezium engine stopped: {}", message);
        }
        taskStartedOrDone.countDown();
    }

    private final class EngineCallbacks implements DebeziumEngine.ConnectorCallback {
        @Override
        public void taskStarted() {
            state.compareAndSet(EngineState.STARTING, EngineState.SNAPSHOTTING);
            taskStartedOrDone.countDown();
        }
    }

    private void releaseResources() {
        if (slotPoller != null) {
            slotPoller.shutdownNow();
            slotPoller = null;
        }
        if (slotMonitor != null) {
            slotMonitor.close();
            slotMonitor = null;
        }
        if (engine != null) {
            try {
                engine.close();
            } catch (IOException e) {
                LOG.warn("Debezium engine did not close cleanly", e);
            }
            engine = null;
        }
        if (engineThread != null) {
            engineThread.shutdown();
            try {
                if (!engineThread.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("Debezium engine thread still running {} after close", STOP_TIMEOUT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            engineThread = null;
        }
        if (producer != null) {
            producer.close(STOP_TIMEOUT);
            producer = null;
        }
        if (producerMetrics != null) {
            producerMetrics.close();
            producerMetrics = null;
        }
        if (serializers != null) {
            serializers.close();
            serializers = null;
        }
        if (admin != null) {
            admin.close(STOP_TIMEOUT);
            admin = null;
        }
    }
}
