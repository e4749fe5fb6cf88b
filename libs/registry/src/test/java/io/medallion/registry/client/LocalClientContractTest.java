package io.medallion.registry.client;

import io.medallion.registry.store.RegistryStore;

class LocalClientContractTest extends SchemaRegistryClientContract {

    @Override
    protected SchemaRegistryClient newClient() {
        return new LocalSchemaRegistryClient(RegistryStore.inMemory());
    }
}
