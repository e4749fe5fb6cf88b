package io.medallion.registry.client;

import io.medallion.common.config.Settings;
import io.medallion.registry.server.RegistryServer;
import io.medallion.registry.server.RegistryServerConfig;
import io.medallion.registry.testing.TestCertificates;
import io.medallion.registry.tls.KeyStores;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.medallion.registry.testing.TestCertificates.PASSWORD;
import static io.medallion.registry.testing.TestSchemas.userV1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientTlsAndAuthTest {

    private final TestCertificates.Stores stores = TestCertificates.get();

    private static javax.net.ssl.SSLContext serverContext(Path keyStore, Path trustStore) {
        Map<String, String> settings = new HashMap<>();
        settings.put("k.location", keyStore.toString());
        settings.put("k.password", PASSWORD);
        if (trustStore != null) {
            settings.put("t.location", trustStore.toString());
            settings.put("t.password", PASSWORD);
        }
        Settings s = Settings.of(settings);
        return KeyStores.sslContext(KeyStores.load(s, "k."), PASSWORD.toCharArray(), KeyStores.load(s, "t."));
    }

    private static RegistryServer tlsServer(Path keyStore, Path clientTrustStore) {
        return RegistryServer.start(RegistryServerConfig.inMemory()
                .withTls(serverContext(keyStore, clientTrustStore), clientTrustStore != null));
    }

    private static Map<String, Object> tlsClient(RegistryServer server, Path trustStore) {
        Map<String, Object> config = new HashMap<>();
        config.put(RegistryClientConfig.URL, server.url().toString());
        config.put(RegistryClientConfig.RETRIES_MAX, 2);
        config.put(RegistryClientConfig.RETRIES_BACKOFF_MS, 1);
        if (trustStore != null) {
            config.put(RegistryClientConfig.SSL_TRUSTSTORE_PREFIX + "location", trustStore.toString());
            config.put(RegistryClientConfig.SSL_TRUSTSTORE_PREFIX + "password", PASSWORD);
            config.put(RegistryClientConfig.SSL_TRUSTSTORE_PREFIX + "type", "PKCS12");
        }
        return config;
    }

    private static void assertHandshakeFails(Map<String, Object> config, RegistryServer server) {
        long before = server.requestsServed();
        assertThatThrownBy(() -> SchemaRegistryClients.create(config).getSubjects())
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.retriable()).as("retriable").isFalse();
                    assertThat(e.httpStatus()).isEqualTo(ErrorCodes.NO_RESPONSE);
                    assertThat(e.getMessage()).contains("TLS");
                });
        assertThat(server.requestsServed()).isEqualTo(before);
    }

    @Test
    void tlsWithATrustStoreThatTrustsTheServer() {
        try (RegistryServer server = tlsServer(stores.serverKeyStore(), null)) {
            assertThat(server.url().getScheme()).isEqualTo("https");
            SchemaRegistryClient client = SchemaRegistryClients.create(tlsClient(server, stores.clientTrustStore()));
            int id = client.register("users-value", userV1());
            assertThat(client.getSchemaById(id)).isEqualTo(userV1());
        }
    }

    @Test
    void anUntrustedServerCertificateFailsTheHandshakeWithoutRetry() {
        try (RegistryServer server = tlsServer(stores.serverKeyStore(), null)) {
            assertHandshakeFails(tlsClient(server, stores.strangerTrustStore()), server);
            assertHandshakeFails(tlsClient(server, null), server);
        }
    }

    @Test
    void theHostNameIsCheckedUnlessIdentificationIsTurnedOff() {
        // The client certificate names no host: served by the registry, it fails host name checks.
        try (RegistryServer server = tlsServer(stores.clientKeyStore(), null)) {
            Map<String, Object> config = tlsClient(server, stores.serverTrustStore());
            assertHandshakeFails(config, server);
            config.put(RegistryClientConfig.SSL_ENDPOINT_IDENTIFICATION, "");
            assertThat(SchemaRegistryClients.create(config).getSubjects()).isEmpty();
        }
    }

    @Test
    void aServerRequiringClientCertificatesAcceptsOnlyClientsPresentingOne() {
        try (RegistryServer server = tlsServer(stores.serverKeyStore(), stores.serverTrustStore())) {
            Map<String, Object> config = tlsClient(server, stores.clientTrustStore());
            config.put(RegistryClientConfig.RETRIES_MAX, 0);
            assertThatThrownBy(() -> SchemaRegistryClients.create(config).getSubjects())
                    .isInstanceOf(SchemaRegistryException.class);

            config.put(RegistryClientConfig.SSL_KEYSTORE_PREFIX + "location", stores.clientKeyStore().toString());
            config.put(RegistryClientConfig.SSL_KEYSTORE_PREFIX + "password", PASSWORD);
            assertThat(SchemaRegistryClients.create(config).getSubjects()).isEmpty();
        }
    }

    @Test
    void basicAuthFromUserInfoOrFromTheUrl() {
        try (RegistryServer server = RegistryServer.start(RegistryServerConfig.inMemory().withUsers(Map.of("alice", "s3cret")))) {
            Map<String, Object> config = new HashMap<>(Map.of(
                    RegistryClientConfig.URL, server.url().toString(),
                    RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
                    RegistryClientConfig.BASIC_AUTH_USER_INFO, "alice:s3cret"));
            assertThat(SchemaRegistryClients.create(config).register("users-value", userV1())).isEqualTo(1);

            String withUserInfo = server.url().toString().replace("http://", "http://alice:s3cret@");
            assertThat(SchemaRegistryClients.create(Map.of(RegistryClientConfig.URL, withUserInfo)).getSubjects())
                    .containsExactly("users-value");
        }
    }

    @Test
    void wrongCredentialsAre401AndNeverRetried() {
        try (RegistryServer server = RegistryServer.start(RegistryServerConfig.inMemory().withUsers(Map.of("alice", "s3cret")))) {
            for (Optional<String> userInfo : List.of(Optional.of("alice:guess"), Optional.of("mallory:s3cret"), Optional.<String>empty())) {
                Map<String, Object> config = new HashMap<>(Map.of(RegistryClientConfig.URL, server.url().toString(),
                        RegistryClientConfig.RETRIES_MAX, 5));
                userInfo.ifPresent(info -> {
                    config.put(RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO");
                    config.put(RegistryClientConfig.BASIC_AUTH_USER_INFO, info);
                });
                long before = server.requestsServed();
                assertThatThrownBy(() -> SchemaRegistryClients.create(config).getSubjects())
                        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                            assertThat(e.httpStatus()).isEqualTo(401);
                            assertThat(e.errorCode()).isEqualTo(ErrorCodes.UNAUTHORIZED);
                            assertThat(e.retriable()).isFalse();
                        });
                assertThat(server.requestsServed() - before).as("requests with %s", userInfo).isEqualTo(1);
            }
        }
    }
}
