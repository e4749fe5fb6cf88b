package io.medallion.bench.fleet.fleet;

import io.medallion.common.config.Settings;
import io.medallion.common.lifecycle.Health;
import io.medallion.common.lifecycle.ManagedService;
import io.medallion.testkit.kafka.EmbeddedKafkaBroker;

import java.nio.file.Path;

/**
 * The testkit's one-node KRaft broker as a role: fixed ports and data directory, so a restart
 * after SIGKILL comes back at the same address with the same logs.
 */
final class BrokerRole implements ManagedService {

    static final String PORT = "bench.broker.port";
    static final String CONTROLLER_PORT = "bench.broker.controller-port";
    static final String DATA_DIR = "bench.broker.data-dir";

    private final EmbeddedKafkaBroker broker;

    BrokerRole(Settings settings) {
        this.broker = EmbeddedKafkaBroker.builder()
                .port(settings.intValue(PORT, 1, 65_535))
                .controllerPort(settings.intValue(CONTROLLER_PORT, 1, 65_535))
                .dataDirectory(Path.of(settings.string(DATA_DIR)))
                .build();
    }

    @Override
    public String name() {
        return "broker";
    }

    @Override
    public void start() {
        broker.start();
    }

    @Override
    public Health health() {
        boolean up = broker.isRunning();
        return Health.of(up, up, up ? "running" : "stopped");
    }

    @Override
    public void close() {
        broker.stop();
    }
}
