package io.medallion.gold;

import io.medallion.common.lifecycle.Health;
import io.medallion.common.lifecycle.ManagedService;
import io.medallion.gold.errors.DeadLetterPublisher;
import io.medallion.gold.metrics.GoldMetrics;
import io.medallion.gold.serde.GoldSerdes;
import io.medallion.gold.topology.GoldTopics;
import io.medallion.gold.topology.GoldTopology;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * gold-kpi's framework-free core: the Kafka Streams application computing gold.kpi_1m. Built
 * from {@link GoldConfig}; {@link #start()} provisions missing topics, starts Streams and returns
 * once it is running. Counters ({@link #windowsEmitted()}, {@link #lateEvents()}) and the
 * {@link KpiListener} are there for the local launcher's console.
 */
public final class GoldService implements ManagedService {

    public static final String NAME = "gold-kpi";

    private static final Logger LOG = LoggerFactory.getLogger(GoldService.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final GoldConfig config;
    private final MeterRegistry registry;
    private final GoldMetrics metrics;
    private final KpiListener listener;
    private final Clock clock;
    private GoldTopics topics;
    private volatile KafkaStreams streams;
    private KafkaStreamsMetrics streamsMetrics;
    private volatile Throwable failure;

    public GoldService(GoldConfig config, MeterRegistry registry, KpiListener listener) {
        this(config, registry, listener, Clock.systemUTC());
    }

    /** @param clock processing time: {@code closed_at}, {@code detected_at}, dead letters */
    public GoldService(GoldConfig config, MeterRegistry registry, KpiListener listener, Clock clock) {
        this.config = config;
        this.registry = registry;
        this.metrics = new GoldMetrics(registry);
        this.listener = listener;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public synchronized void start() {
        if (topics != null) {
            throw new IllegalStateException(NAME + " was already started");
        }
        topics = GoldSerdes.topics(Map.of("schema.registry.url", config.schemaRegistryUrl()));
        CountDownLatch settled = new CountDownLatch(1);
        try {
            try (Admin admin = Admin.create(adminConfig())) {
                new GoldTopicProvisioner(admin, config).prepare(topics);
            }
            DeadLetterPublisher deadLetters = new DeadLetterPublisher(NAME, topics.deadLetters().name(),
                    topics.deadLetters().keySerde().serializer(), topics.deadLetters().valueSerde().serializer(), metrics, clock);
            streams = new KafkaStreams(GoldTopology.build(topics, config, metrics, listener, clock),
                    GoldStreamsProperties.of(config, deadLetters));
            streams.setUncaughtExceptionHandler(e -> {
                // Handlers dead-letter bad records; what reaches here is not about one record.
                failure = e;
                LOG.error("{} stream thread failed; shutting the client down", NAME, e);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            streams.setStateListener((now, before) -> {
                LOG.info("{} streams state {} -> {}", NAME, before, now);
                if (now == KafkaStreams.State.RUNNING || !now.isRunningOrRebalancing()) {
                    settled.countDown();
                }
            });
            streamsMetrics = new KafkaStreamsMetrics(streams);
            streamsMetrics.bindTo(registry);
            streams.start();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        awaitRunning(settled);
        LOG.info("{} running: windows {} + {} grace, {} by-user partitions", NAME, config.windows().size(),
                config.windows().grace(), config.partitions());
    }

    private void awaitRunning(CountDownLatch settled) {
        try {
            if (!settled.await(config.startupTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                throw new IllegalStateException(NAME + " did not reach RUNNING within " + config.startupTimeout()
                        + " (set " + GoldConfig.STARTUP_TIMEOUT + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException(NAME + " start interrupted", e);
        }
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            close();
            throw new IllegalStateException(NAME + " stopped while starting (state " + state + ")", failure);
        }
    }

    private Map<String, Object> adminConfig() {
        Map<String, Object> admin = new LinkedHashMap<>(config.streamsOverrides());
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        return admin;
    }

    @Override
    public Health health() {
        KafkaStreams current = streams;
        if (current == null) {
            return Health.of(true, false, "NOT_STARTED");
        }
        KafkaStreams.State state = current.state();
        boolean live = state != KafkaStreams.State.ERROR && (state.isRunningOrRebalancing() || state == KafkaStreams.State.CREATED);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("windowsEmitted", metrics.windowsEmitted());
        details.put("eventsCounted", metrics.eventsCounted());
        details.put("lateEvents", metrics.lateEvents());
        details.put("changesSkipped", metrics.changesSkipped());
        details.put("deadLetters", metrics.deadLetters());
        if (failure != null) {
            details.put("failure", failure.toString());
        }
        return new Health(live, state == KafkaStreams.State.RUNNING, state.name(), details);
    }

    /** KPI windows emitted since start (this process). */
    public long windowsEmitted() {
        return metrics.windowsEmitted();
    }

    /** Events found late since start (this process). */
    public long lateEvents() {
        return metrics.lateEvents();
    }

    @Override
    public synchronized void close() {
        if (streams != null) {
            // Leaving the group hands the tasks over at once; remaining in it would stall their
            // partitions (and every window, since all partitions must report) for a session timeout.
            if (!streams.close(CloseOptions.timeout(CLOSE_TIMEOUT).withGroupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP))) {
                LOG.warn("{} did not stop within {}", NAME, CLOSE_TIMEOUT);
            }
            streams = null;
        }
        if (streamsMetrics != null) {
            streamsMetrics.close();
            streamsMetrics = null;
        }
        if (topics != null) {
            topics.close();
            topics = null;
        }
    }
}
