package io.medallion.registry.client;

import io.medallion.registry.server.RegistryServer;
import io.medallion.registry.server.RegistryServerConfig;

import java.util.Map;

class RestClientContractTest extends SchemaRegistryClientContract {

    private RegistryServer server;

    @Override
    protected SchemaRegistryClient newClient() {
        server = RegistryServer.start(RegistryServerConfig.inMemory());
        return SchemaRegistryClients.create(Map.of(RegistryClientConfig.URL, server.url().toString()));
    }

    @Override
    protected void release() {
        server.close();
    }
}
