package io.medallion.registry.client;

import io.medallion.common.config.ConfigException;

import java.util.List;
import java.util.Map;

/** Builds the client a configuration asks for. */
public final class SchemaRegistryClients {

    private SchemaRegistryClients() {
    }

    /**
     * A REST client for {@code schema.registry.url} (comma-separated URLs fail over), or the
     * shared in-memory client of a scope for a single {@code mock://<scope>} URL. Settings as
     * {@link RegistryClientConfig} reads them; a bad one throws a {@link ConfigException} naming it.
     */
    public static SchemaRegistryClient create(Map<String, ?> configs) {
        List<String> urls = ConfigMaps.settings(configs).list(RegistryClientConfig.URL, List.of());
        List<String> mocks = urls.stream().filter(u -> u.startsWith(MockSchemaRegistry.MOCK_URL_PREFIX)).toList();
        if (mocks.isEmpty()) {
            return new RestSchemaRegistryClient(RegistryClientConfig.from(configs));
        }
        if (urls.size() > 1) {
            throw new ConfigException(RegistryClientConfig.URL, "a mock:// URL must be the only URL, was " + urls);
        }
        String scope = mocks.get(0).substring(MockSchemaRegistry.MOCK_URL_PREFIX.length());
        if (scope.isEmpty()) {
            throw new ConfigException(RegistryClientConfig.URL, "mock:// needs a scope name, e.g. mock://my-test");
        }
        return MockSchemaRegistry.getClientForScope(scope);
    }
}
