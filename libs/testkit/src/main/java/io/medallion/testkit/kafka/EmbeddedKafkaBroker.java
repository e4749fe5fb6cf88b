package io.medallion.testkit.kafka;

import io.medallion.testkit.LocalResources;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A one-node Kafka cluster (KRaft, combined broker and controller) inside this JVM.
 *
 * <p>Internal topics (consumer offsets, transaction state, share coordinator state) use
 * replication factor 1 and min ISR 1, so idempotent and transactional producers and Kafka
 * Streams {@code exactly_once_v2} work. Ports and the data directory are fixed at build time:
 * {@link #stop()} followed by {@link #start()} brings the same broker back on the same address
 * with its data, as a crash-and-restart harness needs. {@link #close()} stops it and removes the
 * data directory only when the broker created it itself; such temporary directories left by a
 * JVM that died are deleted by the next broker created on the machine.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final int port;
    private final int controllerPort;
    private final Path dataDirectory;
    /** Set when the broker made its own temporary directory, deleted on close. */
    private final TempDataDirectory temporary;
    private final Map<String, String> overrides;

    private KafkaRaftServer server;
    private Admin admin;

    private EmbeddedKafkaBroker(Builder builder) {
        this.port = builder.port > 0 ? builder.port : LocalResources.freePort();
        this.controllerPort = builder.controllerPort > 0 ? builder.controllerPort : LocalResources.freePort();
        this.temporary = builder.dataDirectory == null ? TempDataDirectory.create() : null;
        this.dataDirectory = temporary != null ? temporary.path() : builder.dataDirectory.toAbsolutePath();
        this.overrides = Map.copyOf(builder.overrides);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code localhost:<port>}, stable across {@link #stop()} and {@link #start()}. */
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /**
     * Starts the broker (formatting the data directory on first use) and returns once it
     * answers metadata requests. Starting a running broker does nothing.
     */
    public synchronized EmbeddedKafkaBroker start() {
        if (server != null) {
            return this;
        }
        long began = System.nanoTime();
        Properties props = brokerProperties();
        formatIfNeeded();
        KafkaRaftServer starting = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        try {
            starting.startup();
        } catch (RuntimeException e) {
            shutdownQuietly(starting);
            throw new IllegalStateException("Kafka broker did not start on " + bootstrapServers()
                    + " (data in " + dataDirectory + ")", e);
        }
        server = starting;
        awaitReady();
        LOG.info("Kafka broker up on {} in {} ms (data in {})", bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began), dataDirectory);
        return this;
    }

    /** Stops the broker, keeping its data directory and ports for a later {@link #start()}. */
    public synchronized void stop() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
        if (server != null) {
            shutdownQuietly(server);
            server = null;
            LOG.info("Kafka broker on {} stopped", bootstrapServers());
        }
    }

    @Override
    public synchronized void close() {
        stop();
        if (temporary != null) {
            temporary.close();
        }
    }

    /** An admin client for this broker, created on first use and closed by {@link #stop()}. */
    public synchronized Admin admin() {
        requireRunning();
        if (admin == null) {
            admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                    AdminClientConfig.CLIENT_ID_CONFIG, "medallion-testkit-admin"));
        }
        return admin;
    }

    public void createTopic(String name, int partitions) {
        createTopics(List.of(new NewTopic(name, partitions, (short) 1)));
    }

    /** Creates a topic with topic-level configs, e.g. {@code cleanup.policy=compact}. */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs)));
    }

    public void createTopics(NewTopic... topics) {
        createTopics(Arrays.asList(topics));
    }

    /** Creates the topics and waits until the controller has accepted them all. */
    public void createTopics(Collection<NewTopic> topics) {
        try {
            admin().createTopics(topics).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics " + topicNames(topics), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create topics " + topicNames(topics)
                    + " on " + bootstrapServers(), e);
        }
    }

    private Properties brokerProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
        p.put("listeners", "PLAINTEXT://localhost:" + port + "," + CONTROLLER_LISTENER + "://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("log.dirs", dataDirectory.toString());
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        // Fewer partitions than the defaults (50) make the first group and the first
        // transaction coordinator load in well under a second on one node.
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // The compaction dedupe buffer is allocated on the heap at start (128 MiB by default).
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        p.putAll(overrides);
        Properties props = new Properties();
        props.putAll(p);
        return props;
    }

    private void formatIfNeeded() {
        if (Files.exists(dataDirectory.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(dataDirectory);
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(dataDirectory.toString()))
                    .setMetadataLogDirectory(dataDirectory.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("could not format Kafka storage in " + dataDirectory, e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (!admin().describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the broker", e);
            } catch (ExecutionException | TimeoutException e) {
                last = e;
            }
            sleep(Duration.ofMillis(100));
        }
        stop();
        throw new IllegalStateException("Kafka broker on " + bootstrapServers() + " not ready after " + READY_TIMEOUT, last);
    }

    private void requireRunning() {
        if (server == null) {
            throw new IllegalStateException("Kafka broker on " + bootstrapServers() + " is not running");
        }
    }

    private static void shutdownQuietly(KafkaRaftServer s) {
        try {
            s.shutdown();
            s.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Kafka broker shutdown failed", e);
        }
    }

    private static List<String> topicNames(Collection<NewTopic> topics) {
        return topics.stream().map(NewTopic::name).toList();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Ports default to free ones, the data directory to a temporary one removed on close. */
    public static final class Builder {
        private int port;
        private int controllerPort;
        private Path dataDirectory;
        private final Map<String, String> overrides = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder controllerPort(int controllerPort) {
            this.controllerPort = controllerPort;
            return this;
        }

        /** A directory kept on close; an existing, formatted one is reused with its data. */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /** Any broker property, winning over the defaults above. */
        public Builder brokerProperty(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        public EmbeddedKafkaBroker build() {
            return new EmbeddedKafkaBroker(this);
        }

        public EmbeddedKafkaBroker start() {
            EmbeddedKafkaBroker broker = build();
            try {
                return broker.start();
            } catch (RuntimeException e) {
                broker.close();
                throw e;
            }
        }
    }
}
