package io.medallion.registry.client;

import io.medallion.registry.server.RegistryServer;
import io.medallion.registry.server.RegistryServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.medallion.registry.testing.TestSchemas.userV1;
import static io.medallion.registry.testing.TestSchemas.userV2;
import static org.assertj.core.api.Assertions.assertThat;

/** What the REST client answers from its caches, counted in requests the server saw. */
class RestClientCachingTest {

    private final RegistryServer server = RegistryServer.start(RegistryServerConfig.inMemory());
    private final SchemaRegistryClient client = newClient();

    private SchemaRegistryClient newClient() {
        return SchemaRegistryClients.create(Map.of(RegistryClientConfig.URL, server.url().toString()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private long requestsFor(Runnable calls) {
        long before = server.requestsServed();
        calls.run();
        return server.requestsServed() - before;
    }

    @Test
    void aRegisteredSchemaIsNeitherRegisteredNorFetchedAgain() {
        int[] id = new int[1];
        assertThat(requestsFor(() -> id[0] = client.register("users-value", userV1()))).isEqualTo(1);
        assertThat(requestsFor(() -> {
            client.register("users-value", userV1());
            client.register("users-value", new org.apache.avro.Schema.Parser().parse(userV1().toString()));
            assertThat(client.getSchemaById(id[0])).isEqualTo(userV1());
        })).isZero();
    }

    @Test
    void schemasByIdAreFetchedOnceAndAlwaysTheSameInstance() {
        int id = newClient().register("users-value", userV1());
        var first = client.getSchemaById(id);
        assertThat(requestsFor(() -> assertThat(client.getSchemaById(id)).isSameAs(first))).isZero();
    }

    @Test
    void lookupsAndFixedVersionsAreCachedButLatestIsNot() {
        newClient().register("users-value", userV1());
        assertThat(requestsFor(() -> {
            client.lookup("users-value", userV1());
            client.lookup("users-value", userV1());
            client.getSchema("users-value", 1);
            client.getSchema("users-value", 1);
        })).isEqualTo(2);

        newClient().register("users-value", userV2());
        assertThat(requestsFor(() -> assertThat(client.getLatestSchema("users-value").version()).isEqualTo(2))).isEqualTo(1);
        assertThat(requestsFor(() -> client.getLatestSchema("users-value"))).isEqualTo(1);
    }
}
