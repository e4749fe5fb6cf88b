package io.medallion.registry.client;

import io.medallion.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistryClientConfigTest {

    private static Map<String, Object> with(Object... pairs) {
        Map<String, Object> map = new HashMap<>();
        map.put(RegistryClientConfig.URL, "http://a:8081");
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static void assertNamesKey(Map<String, Object> configs, String key) {
        assertThatThrownBy(() -> RegistryClientConfig.from(configs))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo(key));
    }

    @Test
    void urlsAreAListWithoutTrailingSlashesOrCredentials() {
        RegistryClientConfig config = RegistryClientConfig.from(Map.of(RegistryClientConfig.URL,
                "http://a:8081/, https://bob:pw@b.example:8443 , http://c/registry/"));
        assertThat(config.urls()).containsExactly(URI.create("http://a:8081"), URI.create("https://b.example:8443"),
                URI.create("http://c/registry"));
        assertThat(config.userInfo()).contains("bob:pw");
        assertThat(config.verifyHostname()).isTrue();
    }

    @Test
    void defaults() {
        RegistryClientConfig config = RegistryClientConfig.from(with());
        assertThat(config.retry()).isEqualTo(new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(20)));
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.userInfo()).isEmpty();
        assertThat(config.sslContext()).isEmpty();
    }

    @Test
    void confluentsRetryKeysAreAliasesAndOursWin() {
        assertThat(RegistryClientConfig.from(with("max.retries", 7, "retries.wait.ms", 5, "retries.max.wait.ms", 50)).retry())
                .isEqualTo(new RetryPolicy(7, Duration.ofMillis(5), Duration.ofMillis(50)));
        assertThat(RegistryClientConfig.from(with("max.retries", 7, RegistryClientConfig.RETRIES_MAX, "1")).retry().maxRetries())
                .isEqualTo(1);
    }

    @Test
    void userInfoCredentials() {
        assertThat(RegistryClientConfig.from(with(RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
                RegistryClientConfig.BASIC_AUTH_USER_INFO, "u:p")).userInfo()).contains("u:p");
    }

    @Test
    void everyBadValueNamesItsKey() {
        assertNamesKey(Map.of(), RegistryClientConfig.URL);
        assertNamesKey(Map.of(RegistryClientConfig.URL, "ftp://a"), RegistryClientConfig.URL);
        assertNamesKey(Map.of(RegistryClientConfig.URL, "not a url"), RegistryClientConfig.URL);
        assertNamesKey(with(RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO"), RegistryClientConfig.BASIC_AUTH_USER_INFO);
        assertNamesKey(with(RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
                RegistryClientConfig.BASIC_AUTH_USER_INFO, "nocolon"), RegistryClientConfig.BASIC_AUTH_USER_INFO);
        assertNamesKey(with(RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "SASL_INHERIT"),
                RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE);
        assertNamesKey(with("max.retries", "many"), "max.retries");
        assertNamesKey(with(RegistryClientConfig.RETRIES_BACKOFF_MS, 100, RegistryClientConfig.RETRIES_BACKOFF_MAX_MS, 10),
                RegistryClientConfig.RETRIES_BACKOFF_MAX_MS);
        assertNamesKey(with(RegistryClientConfig.READ_TIMEOUT_MS, 0), RegistryClientConfig.READ_TIMEOUT_MS);
        assertNamesKey(with(RegistryClientConfig.SSL_TRUSTSTORE_PREFIX + "location", "/no/such/store.p12"),
                RegistryClientConfig.SSL_TRUSTSTORE_PREFIX + "location");
        assertNamesKey(with(RegistryClientConfig.SSL_ENDPOINT_IDENTIFICATION, "ldaps"), RegistryClientConfig.SSL_ENDPOINT_IDENTIFICATION);
    }

    @Test
    void anEmptyIdentificationAlgorithmTurnsHostNameChecksOff() {
        assertThat(RegistryClientConfig.from(with(RegistryClientConfig.SSL_ENDPOINT_IDENTIFICATION, "")).verifyHostname()).isFalse();
    }

    @Test
    void listsAndClassesAreAcceptedAsKafkaPassesThem() {
        assertThat(RegistryClientConfig.from(Map.of(RegistryClientConfig.URL, List.of("http://a", "http://b"))).urls())
                .containsExactly(URI.create("http://a"), URI.create("http://b"));
    }
}
