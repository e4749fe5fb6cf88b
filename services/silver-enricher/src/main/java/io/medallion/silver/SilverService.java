package io.medallion.silver;

import io.medallion.common.config.Settings;
import io.medallion.common.lifecycle.Health;
import io.medallion.common.lifecycle.ManagedService;
import io.medallion.silver.entity.Entities;
import io.medallion.silver.errors.DeadLetterRouter;
import io.medallion.silver.metrics.SilverCounters;
import io.medallion.silver.metrics.SilverMetrics;
import io.medallion.silver.pii.PiiTokenizer;
import io.medallion.silver.topology.SilverTopics;
import io.medallion.silver.topology.SilverTopology;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * silver-enricher as a framework-free {@link ManagedService}: builds the serdes, the topology
 * and Kafka Streams from a {@link SilverConfig}, creates missing topics, starts, reports health
 * from the Streams state, and exposes its counters for the launcher's summary.
 *
 * <p>A stream thread that dies on an unexpected error shuts the client down (state ERROR):
 * health then reports not live, so the orchestrator restarts the instance, which resumes from
 * its last committed transaction. Records that fail individually never get here; the exception
 * handlers dead-letter them.
 */
public final class SilverService implements ManagedService {

    public static final String NAME = "silver-enricher";

    private static final Logger LOG = LoggerFactory.getLogger(SilverService.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final SilverConfig config;
    private final SilverMetrics metrics;
    private final Clock clock;
    private KafkaStreams streams;
    private KafkaStreamsMetrics streamsMetrics;
    private volatile Throwable failure;
    private volatile boolean closed;

    public SilverService(SilverConfig config, MeterRegistry registry) {
        this(config, registry, Clock.systemUTC());
    }

    /** @param clock stamps {@code _processing_ts} and dead letters */
    public SilverService(SilverConfig config, MeterRegistry registry, Clock clock) {
        this.config = config;
        this.metrics = new SilverMetrics(registry);
        this.clock = clock;
    }

    /** The service configured from settings ({@code medallion.silver.*}); a bad setting throws at once. */
    public static SilverService from(Settings settings, MeterRegistry registry) {
        return new SilverService(SilverConfig.from(settings), registry);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public synchronized void start() {
        if (streams != null) {
            throw new IllegalStateException(NAME + " is already started");
        }
        Entities entities = new Entities(config.maxFutureSkew());
        SilverTopics topics = SilverTopics.create(entities, new RegistrySerdes(config.serdeConfig()));
        if (config.topics().createMissing()) {
            TopicSetup.createMissing(config, topics.allNames());
        }
        Topology topology = SilverTopology.build(topics, config.dedupRetention(), new PiiTokenizer(config.hmacKey()), metrics, clock);
        DeadLetterRouter router = new DeadLetterRouter(NAME, topics.deadLetters().name(),
                topics.deadLetters().keySerde().serializer(), topics.deadLetters().valueSerde().serializer(),
                entities.personalSourceTopics(), metrics, clock);
        streams = new KafkaStreams(topology, config.streamsProperties(router));
        streams.setUncaughtExceptionHandler(error -> {
            failure = error;
            LOG.error("{} stream thread failed; shutting the client down", NAME, error);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(metrics.registry());
        LOG.info("Starting {} (application id {}, {} stream thread(s), exactly_once_v2)", NAME, config.applicationId(), config.streamThreads());
        streams.start();
        awaitRunning();
    }

    private void awaitRunning() {
        long deadline = System.nanoTime() + config.startTimeout().toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            KafkaStreams.State state = streams.state();
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
                    || state == KafkaStreams.State.NOT_RUNNING || state == KafkaStreams.State.PENDING_SHUTDOWN) {
                close();
                throw new IllegalStateException(NAME + " stopped while starting (state " + state + ")", failure);
            }
            if (System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException(NAME + " did not reach RUNNING within " + config.startTimeout() + " (state " + state + ")");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while starting " + NAME, e);
            }
        }
        LOG.info("{} is running", NAME);
    }

    @Override
    public Health health() {
        KafkaStreams current = streams;
        if (current == null) {
            return Health.of(true, false, "NOT_STARTED");
        }
        if (closed) {
            return Health.of(false, false, "STOPPED");
        }
        KafkaStreams.State state = current.state();
        boolean live = state != KafkaStreams.State.ERROR && state != KafkaStreams.State.PENDING_ERROR && failure == null;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("streams", state.name());
        SilverCounters c = counters();
        details.put("records_in", c.totalIn());
        details.put("quarantined", c.totalQuarantined());
        details.put("dedup_hits", c.totalDedupHits());
        details.put("dead_letters", c.totalDeadLetters());
        if (failure != null) {
            details.put("failure", failure.toString());
        }
        return new Health(live, state == KafkaStreams.State.RUNNING, state.name(), details);
    }

    /** Records in and out per topic, quarantined, dedup hits, dead letters and warnings so far. */
    public SilverCounters counters() {
        return metrics.snapshot();
    }

    public SilverConfig config() {
        return config;
    }

    @Override
    public synchronized void close() {
        if (streams == null || closed) {
            return;
        }
        closed = true;
        LOG.info("Stopping {}", NAME);
        try {
            // A dynamic member that stays in the group blocks its replacement's rebalance until the
            // session times out; a static member keeps its assignment by staying.
            CloseOptions options = CloseOptions.timeout(CLOSE_TIMEOUT).withGroupMembershipOperation(config.staticMembership()
                    ? CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP : CloseOptions.GroupMembershipOperation.LEAVE_GROUP);
            if (!streams.close(options)) {
                LOG.warn("{} did not stop within {}", NAME, CLOSE_TIMEOUT);
            }
        } finally {
            streamsMetrics.close();
        }
    }
}
