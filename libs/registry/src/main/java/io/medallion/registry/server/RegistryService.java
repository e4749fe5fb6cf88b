package io.medallion.registry.server;

import io.medallion.common.lifecycle.Health;
import io.medallion.common.lifecycle.ManagedService;

import java.util.Map;

/** The registry server as a {@link ManagedService}, for the local launcher and a service wrapper. */
public final class RegistryService implements ManagedService {

    private final RegistryServerConfig config;
    private volatile RegistryServer server;

    public RegistryService(RegistryServerConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "schema-registry";
    }

    /** Listens (replaying the Kafka topic first when configured) or throws. */
    @Override
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("schema-registry is already running on " + server.url());
        }
        server = RegistryServer.start(config);
    }

    /** The running server; throws before {@link #start()}. */
    public RegistryServer server() {
        RegistryServer running = server;
        if (running == null) {
            throw new IllegalStateException("schema-registry is not running");
        }
        return running;
    }

    @Override
    public Health health() {
        RegistryServer running = server;
        if (running == null) {
            return Health.of(true, false, "STOPPED");
        }
        return Health.of(true, true, "RUNNING")
                .withDetails(Map.of("url", running.url().toString(), "requests", running.requestsServed()));
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
