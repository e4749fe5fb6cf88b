package io.medallion.registry.server;

import io.medallion.common.config.ConfigException;
import io.medallion.common.config.Settings;
import io.medallion.registry.client.CompatibilityLevel;
import io.medallion.registry.store.KafkaStorageConfig;
import io.medallion.registry.tls.KeyStores;

import javax.net.ssl.SSLContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link RegistryServer} runs.
 *
 * @param host                     address to bind ({@code 0.0.0.0} for all)
 * @param port                     0 picks a free port
 * @param kafkaStorage             keep the registry in a compacted topic; empty keeps it in memory
 * @param users                    user to password for HTTP basic auth; empty turns auth off
 * @param tls                      serve HTTPS with this context; empty serves HTTP
 * @param requireClientCertificate with TLS, demand a client certificate the context trusts
 * @param threads                  request threads (requests beyond them queue, then slow the acceptor)
 * @param defaultCompatibility     global level until one is set through {@code PUT /config}
 */
public record RegistryServerConfig(String host, int port, Optional<KafkaStorageConfig> kafkaStorage,
                                   Map<String, String> users, Optional<SSLContext> tls,
                                   boolean requireClientCertificate, int threads,
                                   CompatibilityLevel defaultCompatibility) {

    public static final String PREFIX = "medallion.registry.";
    public static final String HOST = PREFIX + "host";
    public static final String PORT = PREFIX + "port";
    public static final String THREADS = PREFIX + "threads";
    public static final String COMPATIBILITY = PREFIX + "compatibility";
    public static final String STORAGE = PREFIX + "storage";
    public static final String KAFKA_BOOTSTRAP_SERVERS = PREFIX + "kafka.bootstrap-servers";
    public static final String KAFKA_TOPIC = PREFIX + "kafka.topic";
    public static final String KAFKA_TIMEOUT = PREFIX + "kafka.timeout";
    public static final String KAFKA_REPLICATION_FACTOR = PREFIX + "kafka.replication-factor";
    /** Extra Kafka client settings (security, ...): {@code medallion.registry.kafka.client.security.protocol=SSL}. */
    public static final String KAFKA_CLIENT_PREFIX = PREFIX + "kafka.client";
    /** {@code user:password} pairs, comma-separated. */
    public static final String AUTH_USERS = PREFIX + "auth.users";
    public static final String TLS_KEYSTORE_PREFIX = PREFIX + "tls.keystore.";
    public static final String TLS_KEY_PASSWORD = PREFIX + "tls.key-password";
    /** When set, clients must present a certificate this store trusts. */
    public static final String TLS_TRUSTSTORE_PREFIX = PREFIX + "tls.truststore.";

    /** Keys that environment variables may override ({@code MEDALLION_REGISTRY_PORT}, ...). */
    public static final List<String> KEYS = List.of(HOST, PORT, THREADS, COMPATIBILITY, STORAGE,
            KAFKA_BOOTSTRAP_SERVERS, KAFKA_TOPIC, KAFKA_TIMEOUT, KAFKA_REPLICATION_FACTOR, AUTH_USERS,
            TLS_KEYSTORE_PREFIX + "location", TLS_KEYSTORE_PREFIX + "password", TLS_KEYSTORE_PREFIX + "type",
            TLS_KEY_PASSWORD, TLS_TRUSTSTORE_PREFIX + "location", TLS_TRUSTSTORE_PREFIX + "password",
            TLS_TRUSTSTORE_PREFIX + "type");

    public enum Storage { MEMORY, KAFKA }

    public RegistryServerConfig {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535");
        }
        Objects.requireNonNull(kafkaStorage, "kafkaStorage");
        users = Map.copyOf(users);
        Objects.requireNonNull(tls, "tls");
        if (requireClientCertificate && tls.isEmpty()) {
            throw new IllegalArgumentException("client certificates need TLS");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1");
        }
        Objects.requireNonNull(defaultCompatibility, "defaultCompatibility");
    }

    /** In memory, HTTP on a free loopback port, no auth, BACKWARD: the embedded stack and tests. */
    public static RegistryServerConfig inMemory() {
        return new RegistryServerConfig("127.0.0.1", 0, Optional.empty(), Map.of(), Optional.empty(), false, 8,
                CompatibilityLevel.BACKWARD);
    }

    public RegistryServerConfig withPort(int port) {
        return new RegistryServerConfig(host, port, kafkaStorage, users, tls, requireClientCertificate, threads, defaultCompatibility);
    }

    public RegistryServerConfig withKafkaStorage(KafkaStorageConfig storage) {
        return new RegistryServerConfig(host, port, Optional.of(storage), users, tls, requireClientCertificate, threads, defaultCompatibility);
    }

    public RegistryServerConfig withUsers(Map<String, String> users) {
        return new RegistryServerConfig(host, port, kafkaStorage, users, tls, requireClientCertificate, threads, defaultCompatibility);
    }

    public RegistryServerConfig withTls(SSLContext context, boolean requireClientCertificate) {
        return new RegistryServerConfig(host, port, kafkaStorage, users, Optional.of(context), requireClientCertificate, threads, defaultCompatibility);
    }

    public RegistryServerConfig withDefaultCompatibility(CompatibilityLevel level) {
        return new RegistryServerConfig(host, port, kafkaStorage, users, tls, requireClientCertificate, threads, level);
    }

    /** From {@code medallion.registry.*} settings: all interfaces, port 8081, memory unless told otherwise. */
    public static RegistryServerConfig from(Settings settings) {
        String host = settings.string(HOST, "0.0.0.0");
        int port = settings.intValue(PORT, 8081, 0, 65_535);
        int threads = settings.intValue(THREADS, 8, 1, 256);
        CompatibilityLevel level = settings.enumValue(COMPATIBILITY, CompatibilityLevel.class, CompatibilityLevel.BACKWARD);

        Optional<KafkaStorageConfig> kafka = Optional.empty();
        if (settings.enumValue(STORAGE, Storage.class, Storage.MEMORY) == Storage.KAFKA) {
            Duration timeout = settings.duration(KAFKA_TIMEOUT, Duration.ofSeconds(60), Duration.ofSeconds(2), Duration.ofHours(1));
            Optional<Short> replicas = settings.optional(KAFKA_REPLICATION_FACTOR)
                    .map(v -> (short) settings.intValue(KAFKA_REPLICATION_FACTOR, 1, Short.MAX_VALUE));
            kafka = Optional.of(new KafkaStorageConfig(settings.string(KAFKA_BOOTSTRAP_SERVERS),
                    settings.string(KAFKA_TOPIC, KafkaStorageConfig.DEFAULT_TOPIC),
                    settings.under(KAFKA_CLIENT_PREFIX), timeout, replicas));
        }

        Map<String, String> users = new LinkedHashMap<>();
        for (String pair : settings.list(AUTH_USERS, List.of())) {
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
                throw new ConfigException(AUTH_USERS, "must list user:password pairs, found an entry without both");
            }
            users.put(pair.substring(0, colon), pair.substring(colon + 1));
        }

        var keyStore = KeyStores.load(settings, TLS_KEYSTORE_PREFIX);
        var trustStore = KeyStores.load(settings, TLS_TRUSTSTORE_PREFIX);
        if (keyStore.isEmpty() && trustStore.isPresent()) {
            throw new ConfigException(TLS_KEYSTORE_PREFIX + "location", "is required when a trust store is set (client certificates need TLS)");
        }
        Optional<SSLContext> tls = Optional.empty();
        if (keyStore.isPresent()) {
            char[] keyPassword = settings.optional(TLS_KEY_PASSWORD)
                    .or(() -> settings.optional(TLS_KEYSTORE_PREFIX + "password"))
                    .map(String::toCharArray).orElse(null);
            try {
                tls = Optional.of(KeyStores.sslContext(keyStore, keyPassword, trustStore));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(TLS_KEY_PASSWORD, e.getMessage(), e);
            }
        }
        return new RegistryServerConfig(host, port, kafka, users, tls, trustStore.isPresent(), threads, level);
    }
}
