package io.medallion.registry.client;

import io.medallion.registry.store.RegistryStore;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * In-memory registries by scope, as Confluent's {@code mock://<scope>} URLs give: every client
 * configured with the same scope in this JVM shares one registry, scopes never see each other,
 * and a test drops its scope when done.
 */
public final class MockSchemaRegistry {

    public static final String MOCK_URL_PREFIX = "mock://";

    private static final ConcurrentMap<String, LocalSchemaRegistryClient> SCOPES = new ConcurrentHashMap<>();

    private MockSchemaRegistry() {
    }

    /** The scope's client, created empty (BACKWARD) on first use. */
    public static SchemaRegistryClient getClientForScope(String scope) {
        return SCOPES.computeIfAbsent(scope, s -> new LocalSchemaRegistryClient(RegistryStore.inMemory()));
    }

    /** Forgets the scope: the next client for it starts empty. */
    public static void dropScope(String scope) {
        SCOPES.remove(scope);
    }
}
