package io.medallion.registry.client;

import io.medallion.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.medallion.registry.testing.TestSchemas.order;
import static io.medallion.registry.testing.TestSchemas.userV1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MockSchemaRegistryTest {

    @AfterEach
    void drop() {
        MockSchemaRegistry.dropScope("scope-a");
        MockSchemaRegistry.dropScope("scope-b");
    }

    private static SchemaRegistryClient mock(String scope) {
        return SchemaRegistryClients.create(Map.of(RegistryClientConfig.URL, "mock://" + scope));
    }

    @Test
    void clientsOfOneScopeShareARegistry() {
        int id = mock("scope-a").register("users-value", userV1());
        assertThat(mock("scope-a").getSchemaById(id)).isEqualTo(userV1());
        assertThat(MockSchemaRegistry.getClientForScope("scope-a").getSubjects()).containsExactly("users-value");
    }

    @Test
    void scopesAreIsolated() {
        mock("scope-a").register("users-value", userV1());
        mock("scope-b").register("orders-value", order());
        assertThat(mock("scope-a").getSubjects()).containsExactly("users-value");
        assertThat(mock("scope-b").getSubjects()).containsExactly("orders-value");
        assertThatThrownBy(() -> mock("scope-b").getLatestSchema("users-value"))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCodes.SUBJECT_NOT_FOUND));
    }

    @Test
    void aDroppedScopeStartsEmpty() {
        SchemaRegistryClient before = mock("scope-a");
        before.register("users-value", userV1());
        before.close();
        assertThat(mock("scope-a").getSubjects()).containsExactly("users-value");
        MockSchemaRegistry.dropScope("scope-a");
        assertThat(mock("scope-a").getSubjects()).isEmpty();
    }

    @Test
    void aMockUrlStandsAlone() {
        assertThatThrownBy(() -> SchemaRegistryClients.create(Map.of(RegistryClientConfig.URL, "mock://a,http://b")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo(RegistryClientConfig.URL));
        assertThatThrownBy(() -> SchemaRegistryClients.create(Map.of(RegistryClientConfig.URL, "mock://")))
                .isInstanceOf(ConfigException.class);
        assertThat(SchemaRegistryClients.create(Map.of(RegistryClientConfig.URL, "http://localhost:1")))
                .isInstanceOf(RestSchemaRegistryClient.class);
    }
}
