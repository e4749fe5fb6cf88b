package io.medallion.local;

import io.medallion.common.lifecycle.Health;
import io.medallion.registry.server.RegistryServer;
import io.medallion.registry.server.RegistryServerConfig;
import io.medallion.registry.store.KafkaStorageConfig;

import java.util.List;

/** The schema registry, storing its schemas in the broker's {@code _schemas} topic (kept across runs). */
final class RegistryComponent implements StackComponent {

    private final StackContext context;
    private RegistryServer server;

    RegistryComponent(StackContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "schema-registry";
    }

    @Override
    public void start() {
        String bootstrap = context.settings().string(StackContext.KAFKA_BOOTSTRAP);
        server = RegistryServer.start(RegistryServerConfig.inMemory()
                .withKafkaStorage(KafkaStorageConfig.of(bootstrap, KafkaStorageConfig.DEFAULT_TOPIC)));
        context.publish(StackContext.REGISTRY_URL, server.url().toString());
    }

    @Override
    public List<String> endpoints() {
        return List.of("Schema registry  " + server.url());
    }

    @Override
    public Health health() {
        return Health.of(server != null, server != null, server != null ? "running" : "stopped");
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
