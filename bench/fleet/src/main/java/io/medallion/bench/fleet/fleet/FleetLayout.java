package io.medallion.bench.fleet.fleet;

import io.medallion.capture.CaptureConfig;
import io.medallion.gold.GoldConfig;
import io.medallion.registry.server.RegistryServerConfig;
import io.medallion.silver.SilverConfig;
import io.medallion.sink.SinkConfig;
import io.medallion.sink.StorageConfig;
import io.medallion.testkit.LocalResources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where one run keeps everything and how each role is configured: fixed ports (a restarted
 * broker or registry comes back at the same address), one data folder per role, and the
 * settings each service reads, exactly the keys its README documents.
 *
 * @param work   the run's data folder: {@code kafka/}, {@code lake/}, {@code state/}, {@code settings/}
 * @param logs   one log file per role
 * @param source the source database, empty in the Kafka-fed mode (no capture)
 */
public record FleetLayout(Path work, Path logs, int brokerPort, int controllerPort, int registryPort, int partitions,
                          Duration window, Duration grace, Optional<SourceEndpoint> source) {

    /** The PII token key of the harness's silver-enricher (a bench key, not a secret). */
    static final String HMAC_KEY = "medallion-bench-fleet-hmac-key-not-a-secret";
    /** gold-kpi's by-user shards, its default. */
    static final int GOLD_PARTITIONS = 4;

    public static FleetLayout create(Path work, Path logs, int partitions, Duration window, Duration grace,
                                     Optional<SourceEndpoint> source) {
        try {
            Files.createDirectories(work);
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + work + " or " + logs, e);
        }
        return new FleetLayout(work.toAbsolutePath(), logs.toAbsolutePath(), LocalResources.freePort(),
                LocalResources.freePort(), LocalResources.freePort(), partitions, window, grace, source);
    }

    public String bootstrapServers() {
        return "localhost:" + brokerPort;
    }

    public String registryUrl() {
        return "http://localhost:" + registryPort;
    }

    public Path lake() {
        return work.resolve("lake");
    }

    public Path kafkaData() {
        return work.resolve("kafka");
    }

    /** Everything a role reads at start. */
    public Map<String, String> settings(Role role) {
        Map<String, String> s = new LinkedHashMap<>();
        switch (role) {
            case BROKER -> {
                s.put(BrokerRole.PORT, Integer.toString(brokerPort));
                s.put(BrokerRole.CONTROLLER_PORT, Integer.toString(controllerPort));
                s.put(BrokerRole.DATA_DIR, kafkaData().toString());
            }
            case REGISTRY -> {
                s.put(RegistryServerConfig.HOST, "localhost");
                s.put(RegistryServerConfig.PORT, Integer.toString(registryPort));
                s.put(RegistryServerConfig.STORAGE, "kafka");
                s.put(RegistryServerConfig.KAFKA_BOOTSTRAP_SERVERS, bootstrapServers());
            }
            case CAPTURE -> {
                SourceEndpoint db = source.orElseThrow(() -> new IllegalStateException("capture needs a source database"));
                s.put(CaptureConfig.HOST, db.host());
                s.put(CaptureConfig.PORT, Integer.toString(db.port()));
                s.put(CaptureConfig.NAME, db.database());
                s.put(CaptureConfig.USER, db.user());
                s.put(CaptureConfig.PASSWORD, db.password());
                s.put(CaptureConfig.KAFKA_BOOTSTRAP, bootstrapServers());
                s.put(CaptureConfig.REGISTRY_URL, registryUrl());
                // Heartbeats drive gold-kpi's clock when the clickstream pauses, and close the
                // last windows after the load stops; one per second as ./medallion local does.
                s.put(CaptureConfig.HEARTBEAT_INTERVAL, "1s");
                s.put(CaptureConfig.TOPIC_PARTITIONS, Integer.toString(partitions));
            }
            case SILVER -> {
                s.put(SilverConfig.BOOTSTRAP_SERVERS, bootstrapServers());
                s.put(SilverConfig.SCHEMA_REGISTRY_URL, registryUrl());
                s.put(SilverConfig.STATE_DIR, work.resolve("state/silver").toString());
                s.put(SilverConfig.HMAC_KEY, HMAC_KEY);
                s.put(SilverConfig.TOPICS_PARTITIONS, Integer.toString(partitions));
            }
            case GOLD -> {
                s.put(GoldConfig.BOOTSTRAP_SERVERS, bootstrapServers());
                s.put(GoldConfig.SCHEMA_REGISTRY_URL, registryUrl());
                s.put(GoldConfig.STATE_DIR, work.resolve("state/gold").toString());
                s.put(GoldConfig.WINDOW_SIZE, window.toMillis() + "ms");
                s.put(GoldConfig.GRACE, grace.toMillis() + "ms");
                s.put(GoldConfig.PARTITIONS, Integer.toString(GOLD_PARTITIONS));
            }
            case SINK_BRONZE, SINK_SILVER, SINK_GOLD -> {
                s.put(StorageConfig.LAYER, role.label().substring("sink-".length()));
                s.put(StorageConfig.TABLE_ROOT, lake().toUri().toString());
                s.put(SinkConfig.BOOTSTRAP_SERVERS, bootstrapServers());
                s.put(SinkConfig.REGISTRY_URL, registryUrl());
            }
        }
        return s;
    }
}
