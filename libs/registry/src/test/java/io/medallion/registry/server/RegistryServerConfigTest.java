package io.medallion.registry.server;

import io.medallion.common.config.ConfigException;
import io.medallion.common.config.Settings;
import io.medallion.registry.client.CompatibilityLevel;
import io.medallion.registry.store.KafkaStorageConfig;
import io.medallion.registry.testing.TestCertificates;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistryServerConfigTest {

    private static RegistryServerConfig from(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return RegistryServerConfig.from(Settings.of(map));
    }

    private static void assertNamesKey(String key, String... pairs) {
        assertThatThrownBy(() -> from(pairs))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo(key));
    }

    @Test
    void defaultsServeHttpOnAllInterfacesFromMemory() {
        RegistryServerConfig config = from();
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(8081);
        assertThat(config.kafkaStorage()).isEmpty();
        assertThat(config.users()).isEmpty();
        assertThat(config.tls()).isEmpty();
        assertThat(config.defaultCompatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
    }

    @Test
    void kafkaStorage() {
        RegistryServerConfig config = from(RegistryServerConfig.STORAGE, "kafka",
                RegistryServerConfig.KAFKA_BOOTSTRAP_SERVERS, "k:9092",
                RegistryServerConfig.KAFKA_TIMEOUT, "20s",
                RegistryServerConfig.KAFKA_REPLICATION_FACTOR, "3",
                RegistryServerConfig.KAFKA_CLIENT_PREFIX + ".security.protocol", "SSL");
        assertThat(config.kafkaStorage()).contains(new KafkaStorageConfig("k:9092", "_schemas",
                Map.of("security.protocol", "SSL"), Duration.ofSeconds(20), Optional.of((short) 3)));
    }

    @Test
    void usersAndTls() {
        TestCertificates.Stores stores = TestCertificates.get();
        RegistryServerConfig config = from(RegistryServerConfig.AUTH_USERS, "alice:a:b, bob:pw",
                RegistryServerConfig.TLS_KEYSTORE_PREFIX + "location", stores.serverKeyStore().toString(),
                RegistryServerConfig.TLS_KEYSTORE_PREFIX + "password", TestCertificates.PASSWORD,
                RegistryServerConfig.TLS_TRUSTSTORE_PREFIX + "location", stores.serverTrustStore().toString(),
                RegistryServerConfig.TLS_TRUSTSTORE_PREFIX + "password", TestCertificates.PASSWORD);
        assertThat(config.users()).isEqualTo(Map.of("alice", "a:b", "bob", "pw"));
        assertThat(config.tls()).isPresent();
        assertThat(config.requireClientCertificate()).isTrue();
    }

    @Test
    void everyBadValueNamesItsKey() {
        assertNamesKey(RegistryServerConfig.PORT, RegistryServerConfig.PORT, "70000");
        assertNamesKey(RegistryServerConfig.THREADS, RegistryServerConfig.THREADS, "0");
        assertNamesKey(RegistryServerConfig.STORAGE, RegistryServerConfig.STORAGE, "postgres");
        assertNamesKey(RegistryServerConfig.COMPATIBILITY, RegistryServerConfig.COMPATIBILITY, "sideways");
        assertNamesKey(RegistryServerConfig.KAFKA_BOOTSTRAP_SERVERS, RegistryServerConfig.STORAGE, "kafka");
        assertNamesKey(RegistryServerConfig.KAFKA_TIMEOUT, RegistryServerConfig.STORAGE, "kafka",
                RegistryServerConfig.KAFKA_BOOTSTRAP_SERVERS, "k:9092", RegistryServerConfig.KAFKA_TIMEOUT, "1ms");
        assertNamesKey(RegistryServerConfig.AUTH_USERS, RegistryServerConfig.AUTH_USERS, "alice");
        assertNamesKey(RegistryServerConfig.TLS_KEYSTORE_PREFIX + "location",
                RegistryServerConfig.TLS_KEYSTORE_PREFIX + "location", "/no/such.p12");
        assertNamesKey(RegistryServerConfig.TLS_KEYSTORE_PREFIX + "location",
                RegistryServerConfig.TLS_TRUSTSTORE_PREFIX + "location", TestCertificates.get().serverTrustStore().toString(),
                RegistryServerConfig.TLS_TRUSTSTORE_PREFIX + "password", TestCertificates.PASSWORD);
    }

    @Test
    void mainReadsKeyValueArgumentsAndTheEnvironmentWins() {
        Settings settings = RegistryServerMain.settings(List.of("medallion.registry.port=9000", "medallion.registry.storage=memory"),
                Map.of("MEDALLION_REGISTRY_PORT", "9100"));
        assertThat(RegistryServerConfig.from(settings).port()).isEqualTo(9100);
        assertThatThrownBy(() -> RegistryServerMain.settings(List.of("--port"), Map.of())).isInstanceOf(ConfigException.class);
    }
}
