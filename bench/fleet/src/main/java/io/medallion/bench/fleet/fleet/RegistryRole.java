package io.medallion.bench.fleet.fleet;

import io.medallion.common.config.Settings;
import io.medallion.common.lifecycle.Health;
import io.medallion.common.lifecycle.ManagedService;
import io.medallion.registry.server.RegistryServer;
import io.medallion.registry.server.RegistryServerConfig;

/** The project's schema registry, its schemas in the broker's {@code _schemas} topic (they survive a restart). */
final class RegistryRole implements ManagedService {

    private final RegistryServerConfig config;
    private volatile RegistryServer server;

    RegistryRole(Settings settings) {
        this.config = RegistryServerConfig.from(settings);
    }

    @Override
    public String name() {
        return "schema-registry";
    }

    @Override
    public void start() {
        server = RegistryServer.start(config);
    }

    @Override
    public Health health() {
        boolean up = server != null;
        return Health.of(up, up, up ? "running" : "stopped");
    }

    @Override
    public void close() {
        RegistryServer s = server;
        if (s != null) {
            s.close();
            server = null;
        }
    }
}
